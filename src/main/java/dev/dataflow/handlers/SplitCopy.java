package dev.dataflow.handlers;

import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.exec.StepContext;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A split load: one reader cuts each file of an empty table into blocks of whole records, and several writers, each a
 * COPY on its own connection committing on its own, send them side by side.
 */
final class SplitCopy {
    private static final CsvBlocks.Block END = new CsvBlocks.Block(0);

    private SplitCopy() {
    }

    /** A split load's rows and the COPYs that got records, or the first failure (then the table is empty again). */
    record Split(long rows, int copies, Exception failure) {
    }

    /**
     * Loads an empty table with {@code streams} COPYs side by side, each committing on its own. When a COPY failed,
     * empties the table again and returns the failure.
     */
    static Split load(StepContext ctx, String table, List<Source> sources, Map<Source, List<String>> headers,
                      LoadTally tally, LoadTally sent, int streams, int blockBytes)
            throws SQLException, IOException, InterruptedException {
        long rows = 0;
        int copies = 0;
        for (Source s : sources) {
            Split n = copy(ctx, s, headers.get(s), tally, sent, streams, blockBytes);
            if (n.failure() != null) {
                try (Connection c = ctx.databases().flow(); Statement st = c.createStatement()) {
                    st.execute("TRUNCATE " + Identifiers.quote(table));
                }
                return n;
            }
            rows += n.rows();
            copies = Math.max(copies, n.copies());
        }
        return new Split(rows, copies, null);
    }

    /**
     * One file through {@code streams} COPY connections: this thread cuts it into blocks of whole records. Block i of
     * the first {@code streams} goes to writer i, so every COPY gets records when there are enough blocks; after that
     * each writer takes the next block from a shared queue, so a slower server process gets fewer. Returns the rows
     * and the COPYs that got records, or the failure when a COPY failed (the others are cancelled; what committed
     * stays).
     */
    private static Split copy(StepContext ctx, Source s, List<String> header, LoadTally tally, LoadTally sent,
                              int streams, int blockBytes) throws SQLException, IOException, InterruptedException {
        Path file = SourcePaths.loadable(ctx.pipeline(), s);
        String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
        String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv)";
        BlockingQueue<CsvBlocks.Block> queue = new ArrayBlockingQueue<>(2 * streams);
        List<BlockingQueue<CsvBlocks.Block>> first = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            first.add(new ArrayBlockingQueue<>(1));
        }
        int sentBlocks = 0;
        // Blocks go round: reader -> queue -> writer -> free -> reader, so the file does not become garbage.
        int blocksInUse = 3 * streams + 1;
        BlockingQueue<CsvBlocks.Block> free = new ArrayBlockingQueue<>(blocksInUse);
        for (int i = 0; i < blocksInUse; i++) {
            free.add(new CsvBlocks.Block(blockBytes + (1 << 16)));
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] rows = new long[streams];
        List<Connection> open = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                open.add(ctx.databases().flow());
            }
            for (int i = 0; i < streams; i++) {
                int index = i;
                Connection c = open.get(i);
                BlockingQueue<CsvBlocks.Block> own = first.get(i);
                Thread t = new Thread(() -> write(c, sql, own, queue, free, failure, rows, index),
                        "load-" + s.table() + "-" + i);
                t.setDaemon(true);
                writers.add(t);
                t.start();
            }
            try (InputStream in = CsvHeader.skipBom(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                CsvHeader.readLine(in);
                CsvBlocks blocks = new CsvBlocks(in, blockBytes);
                while (failure.get() == null) {
                    CsvBlocks.Block block = free.poll(100, TimeUnit.MILLISECONDS);
                    if (block == null) {
                        continue;
                    }
                    if (!blocks.next(block)) {
                        break;
                    }
                    int length = block.length;
                    int records = block.records;
                    put(sentBlocks < streams ? first.get(sentBlocks) : queue, block, failure);
                    sentBlocks++;
                    tally.bytes.addAndGet(length);
                    tally.records.addAndGet(records);
                    sent.bytes.addAndGet(length);
                    sent.records.addAndGet(records);
                }
            } catch (CsvBlocks.TooLongRecord e) {
                failure.compareAndSet(null, e);
            }
            // Each writer ends once: through its own queue if it never got a block, else through the shared one.
            for (int i = 0; i < streams; i++) {
                put(i < sentBlocks ? queue : first.get(i), END, failure);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
            throw e;
        } finally {
            for (Thread t : writers) {
                t.join();
            }
            for (Connection c : open) {
                c.close();
            }
        }
        if (failure.get() != null) {
            return new Split(0, 0, failure.get());
        }
        long total = 0;
        for (long n : rows) {
            total += n;
        }
        return new Split(total, Math.min(sentBlocks, streams), null);
    }

    /** Waits for room in the queue unless a writer has failed (then nobody may be taking). */
    private static void put(BlockingQueue<CsvBlocks.Block> queue, CsvBlocks.Block block, AtomicReference<Exception> failure)
            throws InterruptedException {
        while (failure.get() == null && !queue.offer(block, 100, TimeUnit.MILLISECONDS)) {
            // wait
        }
    }

    private static void write(Connection c, String sql, BlockingQueue<CsvBlocks.Block> own,
                              BlockingQueue<CsvBlocks.Block> queue, BlockingQueue<CsvBlocks.Block> free,
                              AtomicReference<Exception> failure, long[] rows, int index) {
        CopyIn in = null;
        try {
            in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            boolean ownTaken = false;
            while (failure.get() == null) {
                CsvBlocks.Block block = (ownTaken ? queue : own).poll(100, TimeUnit.MILLISECONDS);
                ownTaken |= block != null;
                if (block == END) {
                    rows[index] = in.endCopy();
                    return;
                }
                if (block != null) {
                    in.writeToCopy(block.data, 0, block.length);
                    free.add(block);
                }
            }
        } catch (SQLException | InterruptedException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection goes back to the pool, which resets or drops it
                }
            }
        }
    }
}
