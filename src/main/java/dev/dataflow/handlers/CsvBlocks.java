package dev.dataflow.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a CSV byte stream into blocks of whole records, so that each block can go to a different COPY. A record ends at
 * a line feed outside double quotes; a quote toggles the quoted state (a doubled quote toggles twice), which is how
 * PostgreSQL's CSV format splits lines with the default QUOTE and ESCAPE. Bytes are passed on unchanged.
 */
final class CsvBlocks {
    /** A record longer than this is not cut; the caller falls back to one COPY (a file with CR-only line ends, say). */
    static final int MAX_RECORD = 64 << 20;

    private final InputStream in;
    private byte[] buf;
    private int len;
    private int scanned;
    private int lastEnd;
    private boolean quoted;
    private boolean eof;

    CsvBlocks(InputStream in, int blockSize) {
        this.in = in;
        this.buf = new byte[blockSize];
    }

    /** Thrown when no record end was found within {@link #MAX_RECORD} bytes. */
    static final class TooLongRecord extends IOException {
        TooLongRecord() {
            super("no record end within " + (MAX_RECORD >> 20) + " MiB");
        }
    }

    /** The next block: whole records of about the block size (the last block holds whatever is left); null at the end. */
    byte[] next() throws IOException {
        while (true) {
            byte[] b = buf;
            boolean q = quoted;
            int end = lastEnd;
            for (int i = scanned; i < len; i++) {
                byte c = b[i];
                if (c == '"') {
                    q = !q;
                } else if (c == '\n' && !q) {
                    end = i + 1;
                }
            }
            quoted = q;
            lastEnd = end;
            scanned = len;
            int cut;
            if (eof) {
                if (len == 0) {
                    return null;
                }
                cut = len;
            } else if (len == buf.length && lastEnd > 0) {
                cut = lastEnd;
            } else {
                if (len == buf.length) {
                    if (buf.length >= MAX_RECORD) {
                        throw new TooLongRecord();
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    eof = true;
                } else {
                    len += n;
                }
                continue;
            }
            byte[] block = Arrays.copyOf(buf, cut);
            System.arraycopy(buf, cut, buf, 0, len - cut);
            len -= cut;
            scanned -= cut;
            lastEnd = 0;
            return block;
        }
    }
}
