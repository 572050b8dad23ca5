package dev.dataflow.shapefile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A forward-only window over a stream: one large reusable array, so records are parsed in place and memory stays
 * flat whatever the file size. The window grows only when a single record is larger than it.
 */
final class ByteInput implements AutoCloseable {
    static final int DEFAULT_CAPACITY = 1 << 20;

    private final InputStream in;
    private byte[] buf;
    private ByteBuffer view;
    private int start;
    private int end;
    private long consumed;
    private boolean eof;

    ByteInput(InputStream in, int capacity) {
        this.in = in;
        this.buf = new byte[capacity];
        this.view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Makes at least {@code n} bytes available from the current position; false when the stream ends first. */
    boolean ensure(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, start, bigger, 0, end - start);
            end -= start;
            start = 0;
            buf = bigger;
            view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        } else if (buf.length - start < n) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < n && !eof) {
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return end - start >= n;
    }

    /** Bytes available now without reading (after a failed {@link #ensure}, what was left before the end). */
    int available() {
        return end - start;
    }

    /** The backing array; valid from {@link #offset()} until the next {@link #ensure}. */
    byte[] array() {
        return buf;
    }

    /** Little-endian view of {@link #array()}; index with absolute array offsets. */
    ByteBuffer view() {
        return view;
    }

    int offset() {
        return start;
    }

    /** Moves past {@code n} bytes that {@link #ensure} made available. */
    void advance(int n) {
        start += n;
        consumed += n;
    }

    /** Skips {@code n} bytes, reading through them if needed; false when the stream ends first. */
    boolean skip(long n) throws IOException {
        while (n > 0) {
            if (start == end && !ensure(1)) {
                return false;
            }
            int step = (int) Math.min(n, end - start);
            advance(step);
            n -= step;
        }
        return true;
    }

    /** Bytes consumed since the start of the stream: the file offset of the current position. */
    long position() {
        return consumed;
    }

    int bigEndianInt(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8) | (buf[at + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
