package dev.dataflow.db;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * Streams {@code COPY ... TO STDOUT} on one connection into {@code COPY ... FROM STDIN} on another, with a reader thread
 * and the calling thread writing, so both servers work at once (as {@code psql | psql} does). No intermediate files.
 */
public final class CopyPipe {
    private static final int CHUNK = 1 << 18;
    private static final byte[] END = new byte[0];

    private CopyPipe() {
    }

    /** Rows read from the source and rows the destination accepted. */
    public record Counts(long out, long in) {
    }

    public static Counts run(PGConnection from, String copyOut, PGConnection to, String copyIn, LongConsumer progressBytes)
            throws SQLException {
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
        CopyOut out = from.getCopyAPI().copyOut(copyOut);
        CopyIn in;
        try {
            in = to.getCopyAPI().copyIn(copyIn);
        } catch (SQLException e) {
            out.cancelCopy();
            throw e;
        }
        SQLException[] readError = new SQLException[1];
        Thread reader = new Thread(() -> {
            try {
                byte[] chunk = new byte[CHUNK];
                int used = 0;
                byte[] row;
                while ((row = out.readFromCopy()) != null) {
                    if (used + row.length > chunk.length) {
                        if (used > 0) {
                            queue.put(java.util.Arrays.copyOf(chunk, used));
                            used = 0;
                        }
                        if (row.length > chunk.length) {
                            queue.put(row);
                            continue;
                        }
                    }
                    System.arraycopy(row, 0, chunk, used, row.length);
                    used += row.length;
                }
                if (used > 0) {
                    queue.put(java.util.Arrays.copyOf(chunk, used));
                }
            } catch (SQLException e) {
                readError[0] = e;
            } catch (InterruptedException e) {
                readError[0] = new SQLException("copy reader interrupted");
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // the caller reports the write-side error
                }
            } finally {
                queue.offer(END);
            }
        }, "copy-reader");
        reader.setDaemon(true);
        reader.start();
        long bytes = 0;
        try {
            while (true) {
                byte[] chunk = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (chunk == null) {
                    // The end marker is best effort (the queue may be full when the reader stops): a finished,
                    // drained reader also means the end.
                    if (reader.isAlive() || !queue.isEmpty()) {
                        continue;
                    }
                    break;
                }
                if (chunk == END) {
                    break;
                }
                in.writeToCopy(chunk, 0, chunk.length);
                bytes += chunk.length;
                progressBytes.accept(bytes);
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
}
