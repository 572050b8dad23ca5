package dev.dataflow.handlers;

import dev.dataflow.config.ConvertOptions;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Source;
import dev.dataflow.config.SourcePaths;
import dev.dataflow.exec.StepContext;
import dev.dataflow.shapefile.ShapefileConverter;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Loads a shapefile source without a CSV on disk: the converter writes into the COPY through a pipe in memory. */
final class StreamedShapefileLoad {
    private static final int STREAM_BUFFER = 1 << 20;

    private StreamedShapefileLoad() {
    }

    /**
     * Whether a shapefile source goes straight from the converter into its COPY: when no converted CSV is on disk,
     * because shp:convert leaves it out for a source this run also loads (it is only converted to be loaded). The
     * CSV then never touches the disk, and converting overlaps the COPY.
     */
    static boolean applies(StepContext ctx, Source s) {
        return s instanceof Source.Shapefile shapefile
                && !Files.isRegularFile(SourcePaths.converted(ctx.pipeline(), shapefile));
    }

    /**
     * Converts the shapefile on a thread of its own straight into the COPY, through a pipe in memory: the converter
     * reads and encodes while the server parses and inserts. A conversion failure fails the load (the transaction
     * rolls back), even when the COPY took what came before it.
     */
    static long copy(StepContext ctx, Connection c, Source s, LoadTally tally)
            throws SQLException, IOException {
        Path shp = SourcePaths.original(ctx.pipeline(), s);
        ConvertOptions options = ((Source.Shapefile) s).options(); // only a shapefile source applies()
        String label = ctx.pipeline().baseDir().relativize(shp.toAbsolutePath()).toString();
        PipedInputStream pipe = new PipedInputStream(STREAM_BUFFER);
        PipedOutputStream toPipe = new PipedOutputStream(pipe);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread converter = new Thread(() -> {
            try {
                ShapefileConverter.convert(shp, toPipe, options);
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                try {
                    toPipe.close();
                } catch (IOException ignored) {
                    // the reading side is gone; the load fails on its own error
                }
            }
        }, "convert-into-copy");
        converter.setDaemon(true);
        converter.start();
        try (InputStream in = new LoadTally.Counting(pipe, tally)) {
            try {
                String first = CsvHeader.readLine(in);
                if (failure.get() != null) {
                    throw failure.get();
                }
                List<String> header = CsvHeader.match(label, CsvHeader.parse(label, first), s);
                String columns = String.join(", ", header.stream().map(Identifiers::quote).toList());
                String sql = "COPY " + Identifiers.quote(s.table()) + " (" + columns + ") FROM STDIN (FORMAT csv)";
                long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 16);
                join(converter);
                if (failure.get() != null) {
                    throw failure.get();
                }
                return rows;
            } catch (PSQLException e) {
                // A converter that failed first closed the pipe, so the COPY saw a cut row: its failure is the cause.
                // One that fails after this point only sees the pipe closed below.
                RuntimeException first = failure.get();
                pipe.close();
                join(converter);
                if (first != null) {
                    throw first;
                }
                throw CsvErrorDescriber.describe(c, s, null, label + " (converted on the fly, no CSV on disk)", e);
            }
        } finally {
            pipe.close();
            join(converter);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
