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
    /** Record ends found by the scan and not yet handed out in a block. */
    private int ends;

    CsvBlocks(InputStream in, int blockSize) {
        this.in = in;
        this.buf = new byte[blockSize];
    }

    /** A reusable holder of one block: {@code data[0, length)}, which holds {@code records} records. */
    static final class Block {
        byte[] data;
        int length;
        int records;

        Block(int capacity) {
            data = new byte[capacity];
        }
    }

    /** Thrown when no record end was found within {@link #MAX_RECORD} bytes. */
    static final class TooLongRecord extends IOException {
        TooLongRecord() {
            super("no record end within " + (MAX_RECORD >> 20) + " MiB");
        }
    }

    /** The next block as a new array; null at the end. */
    byte[] next() throws IOException {
        Block b = new Block(0);
        return next(b) ? Arrays.copyOf(b.data, b.length) : null;
    }

    /**
     * Fills {@code into} with the next block: whole records of about the block size (the last block holds whatever is
     * left). False at the end. Reusing blocks keeps a big file from turning into as much garbage.
     */
    boolean next(Block into) throws IOException {
        while (true) {
            byte[] b = buf;
            boolean q = quoted;
            int end = lastEnd;
            int n = ends;
            for (int i = scanned; i < len; i++) {
                byte c = b[i];
                if (c == '"') {
                    q = !q;
                } else if (c == '\n' && !q) {
                    end = i + 1;
                    n++;
                }
            }
            quoted = q;
            lastEnd = end;
            ends = n;
            scanned = len;
            int cut;
            int records = ends;
            if (eof) {
                if (len == 0) {
                    return false;
                }
                cut = len;
                if (lastEnd < len) {
                    records++; // the last record, without a line feed
                }
            } else if (len == buf.length && lastEnd > 0) {
                // Every record end found so far is at or before lastEnd, so they all go into this block.
                cut = lastEnd;
            } else {
                if (len == buf.length) {
                    if (buf.length >= MAX_RECORD) {
                        throw new TooLongRecord();
                    }
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int read = in.read(buf, len, buf.length - len);
                if (read < 0) {
                    eof = true;
                } else {
                    len += read;
                }
                continue;
            }
            if (into.data.length < cut) {
                into.data = new byte[cut];
            }
            System.arraycopy(buf, 0, into.data, 0, cut);
            into.length = cut;
            into.records = records;
            ends = 0;
            System.arraycopy(buf, cut, buf, 0, len - cut);
            len -= cut;
            scanned -= cut;
            lastEnd = 0;
            return true;
        }
    }

    /** Where a COPY error's "line" points: the file line its record starts on, and the record's number. */
    record Where(long line, long record) {
    }

    /**
     * Maps the "line N" of a COPY error to the record it names. PostgreSQL counts one per record (the header is 1),
     * plus one per line break inside quotes when that break is the file's own line end (the first line's: LF, CRLF
     * or CR), and reports the count reached at the end of the record being read. So for an LF file its number is a
     * file line; for a CRLF file with bare LFs inside quotes it is a record number. Both land on the same record here.
     */
    static Where recordOfCopyLine(InputStream in, long copyLine) throws IOException {
        byte[] b = new byte[1 << 16];
        int eol = 0; // 0: not known yet, '\n': LF, '\r': CR or CRLF (PostgreSQL counts the CR)
        long line = 1;
        long pg = 1;
        long record = 1;
        long start = 1;
        boolean q = false;
        int n;
        while ((n = in.read(b)) > 0) {
            for (int i = 0; i < n; i++) {
                byte c = b[i];
                if (c == '"') {
                    q = !q;
                } else if (c == '\r') {
                    if (eol == 0) {
                        eol = '\r';
                    }
                    if (q && eol == '\r') {
                        pg++;
                    }
                } else if (c == '\n') {
                    if (eol == 0) {
                        eol = '\n';
                    }
                    line++;
                    if (q) {
                        if (eol == '\n') {
                            pg++;
                        }
                    } else {
                        if (pg >= copyLine) {
                            return new Where(start, record);
                        }
                        record++;
                        pg++;
                        start = line;
                    }
                }
            }
        }
        return new Where(start, record);
    }
}
