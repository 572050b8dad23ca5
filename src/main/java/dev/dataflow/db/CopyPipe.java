package dev.dataflow.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Streams {@code COPY ... TO STDOUT} on one connection into {@code COPY ... FROM STDIN} on another, with a reader thread
 * and the calling thread writing, so both servers work at once (as {@code psql | psql} does). No intermediate files.
 */
public final class CopyPipe {
    private static final int CHUNK = 1 << 18;
    private static final int CHUNKS = 8;

    private CopyPipe() {
    }

    /** Rows read from the source and rows the destination accepted. */
    public record Counts(long out, long in) {
    }

    /** Told after each chunk written: about how many rows and bytes went through so far. */
    @FunctionalInterface
    public interface Progress {
        void copied(long rows, long bytes);
    }

    /** A buffer of whole rows; the same few go round between the reader and the writer, so a big table makes no garbage. */
    private static final class Chunk {
        final byte[] data;
        int length;
        int rows;
        /** A row bigger than a chunk travels alone, in its own array. */
        byte[] oversized;

        Chunk(int capacity) {
            data = new byte[capacity];
        }
    }

    private static final Chunk END = new Chunk(0);

    public static Counts run(PGConnection from, String copyOut, PGConnection to, String copyIn, Progress progress)
            throws SQLException {
        BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(CHUNK));
        }
        // Room for every chunk and the end marker, so handing over never blocks the reader.
        BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 2);
        CopyOut out = from.getCopyAPI().copyOut(copyOut);
        CopyIn in;
        try {
            in = to.getCopyAPI().copyIn(copyIn);
        } catch (SQLException e) {
            out.cancelCopy();
            throw e;
        }
        SQLException[] readError = new SQLException[1];
        Thread reader = new Thread(() -> read(out, free, filled, readError), "copy-reader");
        reader.setDaemon(true);
        reader.start();
        long bytes = 0;
        long rows = 0;
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk == END) {
                    break;
                }
                if (chunk.oversized != null) {
                    in.writeToCopy(chunk.oversized, 0, chunk.oversized.length);
                    bytes += chunk.oversized.length;
                    chunk.oversized = null;
                } else {
                    in.writeToCopy(chunk.data, 0, chunk.length);
                    bytes += chunk.length;
                }
                rows += chunk.rows;
                chunk.length = 0;
                chunk.rows = 0;
                free.add(chunk);
                progress.copied(rows, bytes);
            }
            reader.join();
            if (readError[0] != null) {
                throw readError[0];
            }
            long inRows = in.endCopy();
            return new Counts(out.getHandledRowCount(), inRows);
        } catch (SQLException | InterruptedException | RuntimeException e) {
            reader.interrupt();
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back by the caller
                }
            }
            try {
                reader.join(10_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // same
                }
            }
            if (e instanceof SQLException se) {
                throw se;
            }
            throw new SQLException("copy interrupted", e);
        }
    }

    private static void read(CopyOut out, BlockingQueue<Chunk> free, BlockingQueue<Chunk> filled, SQLException[] error) {
        try {
            Chunk chunk = free.take();
            byte[] row;
            // pgjdbc hands over one CopyData message per call: one row, the binary header riding on the first one.
            // The trailer comes alone: a field count of -1, which no row has.
            while ((row = out.readFromCopy()) != null) {
                boolean trailer = row.length == 2 && row[0] == (byte) 0xFF && row[1] == (byte) 0xFF;
                if (chunk.length + row.length > chunk.data.length) {
                    if (chunk.length > 0) {
                        filled.add(chunk);
                        chunk = free.take();
                    }
                    if (row.length > chunk.data.length) {
                        chunk.oversized = row;
                        chunk.rows = trailer ? 0 : 1;
                        filled.add(chunk);
                        chunk = free.take();
                        continue;
                    }
                }
                System.arraycopy(row, 0, chunk.data, chunk.length, row.length);
                chunk.length += row.length;
                if (!trailer) {
                    chunk.rows++;
                }
            }
            if (chunk.length > 0) {
                filled.add(chunk);
            }
        } catch (SQLException e) {
            error[0] = e;
        } catch (InterruptedException e) {
            error[0] = new SQLException("copy reader interrupted");
            try {
                out.cancelCopy();
            } catch (SQLException ignored) {
                // the caller reports the write-side error
            }
        } finally {
            filled.add(END);
        }
    }
}
