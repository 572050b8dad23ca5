package dev.dataflow.shapefile;

import org.locationtech.jts.io.OutStream;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes UTF-8 CSV (RFC 4180) for PostgreSQL {@code COPY ... (FORMAT csv)}: a NULL is an empty unquoted field and
 * an empty string is {@code ""}. Bytes go straight into one large array, so no per-field strings are made.
 */
final class CsvWriter implements AutoCloseable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private boolean rowStarted;
    private final OutStream hexSink = this::hex;

    CsvWriter(OutputStream out, int capacity) {
        this.out = out;
        this.buf = new byte[capacity];
    }

    void nullField() throws IOException {
        separator();
    }

    /**
     * A text value given as UTF-8 bytes (or ASCII). Every byte that needs quoting is ASCII, and no byte of a UTF-8
     * multi-byte sequence is ASCII, so the bytes can be scanned and copied as they are.
     */
    void textField(byte[] src, int off, int len) throws IOException {
        separator();
        if (!needsQuotes(src, off, len)) {
            put(src, off, len);
            return;
        }
        putByte('"');
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = src[i];
            if (c == '"') {
                putByte('"');
            }
            putByte(c);
        }
        putByte('"');
    }

    /** A text value from Java characters, encoded as UTF-8. */
    void textField(CharSequence s) throws IOException {
        separator();
        int len = s.length();
        boolean quote = len == 0 || s.charAt(0) == '\\';
        for (int i = 0; i < len && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (quote) {
            putByte('"');
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    putByte('"');
                }
                putByte(c);
            } else if (c < 0x800) {
                putByte(0xc0 | c >> 6);
                putByte(0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                putByte(0xf0 | cp >> 18);
                putByte(0x80 | cp >> 12 & 0x3f);
                putByte(0x80 | cp >> 6 & 0x3f);
                putByte(0x80 | cp & 0x3f);
            } else {
                putByte(0xe0 | c >> 12);
                putByte(0x80 | c >> 6 & 0x3f);
                putByte(0x80 | c & 0x3f);
            }
        }
        if (quote) {
            putByte('"');
        }
    }

    /** A value the caller knows needs no quoting: numbers, dates, booleans. */
    void plainField(byte[] src, int off, int len) throws IOException {
        separator();
        put(src, off, len);
    }

    /** Starts a field whose bytes are then written as hexadecimal through {@link #hexSink()}. */
    void startHexField() throws IOException {
        separator();
    }

    /** Receives binary output (JTS WKB) and writes it as hexadecimal digits into the current field. */
    OutStream hexSink() {
        return hexSink;
    }

    void endRow() throws IOException {
        putByte('\n');
        rowStarted = false;
    }

    private void hex(byte[] src, int len) throws IOException {
        for (int i = 0; i < len; i++) {
            if (buf.length - pos < 2) {
                flush();
            }
            int b = src[i];
            buf[pos++] = HEX[b >> 4 & 0xf];
            buf[pos++] = HEX[b & 0xf];
        }
    }

    private static boolean needsQuotes(byte[] src, int off, int len) {
        if (len == 0 || src[off] == '\\') {
            return true;
        }
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = src[i];
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private void separator() throws IOException {
        if (rowStarted) {
            putByte(',');
        }
        rowStarted = true;
    }

    private void putByte(int b) throws IOException {
        if (pos == buf.length) {
            flush();
        }
        buf[pos++] = (byte) b;
    }

    private void put(byte[] src, int off, int len) throws IOException {
        if (buf.length - pos < len) {
            flush();
            if (len > buf.length) {
                out.write(src, off, len);
                return;
            }
        }
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    void flush() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
