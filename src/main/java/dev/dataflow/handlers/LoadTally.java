package dev.dataflow.handlers;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Bytes and records sent to the server so far, for the progress line. */
final class LoadTally {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong records = new AtomicLong();
    /** Counting the records of a file read in one piece costs a pass over its bytes: only done when shown. */
    final boolean countRecords;

    LoadTally(boolean countRecords) {
        this.countRecords = countRecords;
    }

    /** Counts bytes read and, when asked, records (line feeds outside double quotes, as {@link CsvBlocks} cuts). */
    static final class Counting extends FilterInputStream {
        private final LoadTally tally;
        private boolean quoted;
        /** The header's line feed is not a record's. */
        private boolean headerSeen;

        Counting(InputStream in, LoadTally tally) {
            super(in);
            this.tally = tally;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                tally.bytes.addAndGet(n);
                if (tally.countRecords) {
                    countRecords(b, off, n);
                }
            }
            return n;
        }

        private void countRecords(byte[] b, int off, int n) {
            boolean q = quoted;
            long records = 0;
            for (int i = off; i < off + n; i++) {
                if (b[i] == '"') {
                    q = !q;
                } else if (b[i] == '\n' && !q) {
                    records++;
                }
            }
            quoted = q;
            if (!headerSeen && records > 0) {
                headerSeen = true;
                records--;
            }
            tally.records.addAndGet(records);
        }
    }
}
