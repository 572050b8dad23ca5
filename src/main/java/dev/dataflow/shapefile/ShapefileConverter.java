package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Converts one shapefile layer (.shp or .zip) to a CSV for PostgreSQL COPY: the attribute fields lower-cased in
 * field order, then the geometry. Records are streamed one at a time, so memory does not grow with the file. The CSV
 * appears under its name only when complete: it is written to a temporary file beside it and renamed at the end.
 */
public final class ShapefileConverter {
    private static final int OUTPUT_BUFFER = 1 << 20;

    private ShapefileConverter() {
    }

    /**
     * @throws DataflowException for unreadable, corrupt or unsupported input, naming the file and record
     */
    public static ConvertResult convert(Path input, Path outputCsv, ConvertOptions options) {
        try (LayerFiles files = LayerFiles.open(input, options.layer())) {
            return convert(files, outputCsv.toAbsolutePath(), options);
        } catch (IOException e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot read: " + e.getMessage(), null, e);
        }
    }

    /**
     * Converts to CSV written to {@code out} (closed at the end), for a load that streams the shapefile straight into
     * its COPY instead of through a file on disk. The result's output is null.
     *
     * @throws DataflowException for unreadable, corrupt or unsupported input, naming the file and record
     */
    public static ConvertResult convert(Path input, OutputStream out, ConvertOptions options) {
        try (LayerFiles files = LayerFiles.open(input, options.layer())) {
            return convert(files, null, out, options);
        } catch (IOException e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot read: " + e.getMessage(), null, e);
        }
    }

    private static ConvertResult convert(LayerFiles files, Path output, ConvertOptions options) throws IOException {
        return convert(files, output, null, options);
    }

    /** To the file {@code output} (through a temporary file renamed at the end), or else to {@code stream}. */
    private static ConvertResult convert(LayerFiles files, Path output, OutputStream stream, ConvertOptions options)
            throws IOException {
        String shpName = files.name("shp");
        int srid = srid(files, options);
        InputStream dbfStream = files.open("dbf");
        if (dbfStream == null) {
            throw DataflowException.stepFailed(files.name("dbf") + " is missing; a shapefile needs its .dbf next to "
                    + shpName, "add the .dbf file (same name as the .shp)", null);
        }
        try (DbfReader dbf = DbfReader.open(files.name("dbf"), dbfStream);
             ShpReader shp = ShpReader.open(shpName, files.open("shp"), files.size("shp"), files.open("shx"),
                     new GeometryFactory(new PrecisionModel(), srid, PackedCoordinateSequenceFactory.DOUBLE_FACTORY))) {
            DbfEncoding encoding = DbfEncoding.choose(options.charset(), files.name("cpg"), files.text("cpg"),
                    dbf.languageDriver());
            if (encoding == null) {
                throw DataflowException.stepFailed(files.name("cpg") + ": unknown charset \"" + files.text("cpg").strip()
                        + "\"", "set the charset option to the DBF's encoding", null);
            }
            List<DbfField> fields = dbf.fields(encoding.charset());
            List<String> columns = columns(files.name("dbf"), fields, options.geometryColumn());
            AttributeWriter attributes = new AttributeWriter(files.name("dbf"), fields, encoding.charset(),
                    encoding.source());
            GeometryEncoder geometries = new GeometryEncoder(options.wkt(), options.promoteToMulti(),
                    options.dimensions() == 2);
            if (output == null) {
                try (CsvWriter csv = new CsvWriter(stream, OUTPUT_BUFFER)) {
                    for (String column : columns) {
                        csv.textField(column);
                    }
                    csv.endRow();
                    return new ConvertResult(null, copyRecords(shp, dbf, attributes, geometries, csv, files), srid,
                            columns);
                }
            }
            Path dir = output.getParent();
            Files.createDirectories(dir);
            // Same folder as the output, so the final rename stays on one file system and can be atomic.
            Path temp = dir.resolve("." + output.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
            boolean done = false;
            try {
                long features;
                try (OutputStream os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                     CsvWriter csv = new CsvWriter(os, OUTPUT_BUFFER)) {
                    for (String column : columns) {
                        csv.textField(column);
                    }
                    csv.endRow();
                    features = copyRecords(shp, dbf, attributes, geometries, csv, files);
                }
                move(temp, output);
                done = true;
                return new ConvertResult(output, features, srid, columns);
            } finally {
                if (!done) {
                    Files.deleteIfExists(temp);
                }
            }
        }
    }

    /**
     * Copies the records in order. A reader thread inflates and parses the .shp and .dbf into small batches that this
     * thread encodes and writes, so the two halves of the work run on two processors; the queue between them holds a
     * few batches, so memory still does not grow with the file.
     */
    private static long copyRecords(ShpReader shp, DbfReader dbf, AttributeWriter attributes, GeometryEncoder geometries,
                                    CsvWriter csv, LayerFiles files) throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(shp, dbf, files, queue, stop), "shapefile-reader");
        reader.setDaemon(true);
        reader.start();
        long features = 0;
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch.failure instanceof IOException io) {
                    throw io;
                } else if (batch.failure instanceof RuntimeException re) {
                    throw re;
                } else if (batch.failure instanceof Error e) {
                    throw e;
                } else if (batch.failure != null) {
                    throw new IOException(batch.failure);
                }
                for (int i = 0; i < batch.size; i++) {
                    attributes.write(batch.records[i], batch.attributes, i * batch.recordLength, csv);
                    geometries.write(batch.geometries[i], batch.hasZ[i], batch.hasM[i], csv);
                    csv.endRow();
                }
                features += batch.size;
                if (batch.last) {
                    return features;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("conversion interrupted");
        } finally {
            stop.set(true);
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final int BATCH_RECORDS = 256;
    private static final int QUEUED_BATCHES = 4;

    /** Records read ahead: DBF bytes copied out of the reader's buffer, geometries as parsed; or the reader's failure. */
    private static final class Batch {
        final long[] records = new long[BATCH_RECORDS];
        final Geometry[] geometries = new Geometry[BATCH_RECORDS];
        final boolean[] hasZ = new boolean[BATCH_RECORDS];
        final boolean[] hasM = new boolean[BATCH_RECORDS];
        final int recordLength;
        final byte[] attributes;
        int size;
        boolean last;
        Throwable failure;

        Batch(int recordLength) {
            this.recordLength = recordLength;
            this.attributes = new byte[BATCH_RECORDS * recordLength];
        }
    }

    private static void read(ShpReader shp, DbfReader dbf, LayerFiles files, BlockingQueue<Batch> queue,
                             AtomicBoolean stop) {
        Batch batch = new Batch(dbf.recordLength());
        try {
            while (shp.next()) {
                if (!dbf.next()) {
                    throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                            + files.name("shp") + " has more", "the two files do not belong together or one is damaged", null);
                }
                // A deleted DBF row deletes its feature; GDAL skips these too.
                if (dbf.deleted()) {
                    continue;
                }
                int i = batch.size++;
                batch.records[i] = dbf.recordNumber();
                batch.geometries[i] = shp.geometry();
                batch.hasZ[i] = shp.hasZ();
                batch.hasM[i] = shp.hasM();
                System.arraycopy(dbf.array(), dbf.recordOffset(), batch.attributes, i * batch.recordLength,
                        batch.recordLength);
                if (batch.size == BATCH_RECORDS) {
                    if (!put(queue, batch, stop)) {
                        return;
                    }
                    batch = new Batch(batch.recordLength);
                }
            }
            if (dbf.next()) {
                throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                        + files.name("shp") + " has only " + shp.recordNumber(),
                        "the two files do not belong together or one is damaged", null);
            }
            batch.last = true;
            put(queue, batch, stop);
        } catch (Throwable t) {
            Batch failed = new Batch(0);
            failed.failure = t;
            put(queue, failed, stop);
        }
    }

    /** Hands a batch over unless the writing side has stopped; false when it has. */
    private static boolean put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static int srid(LayerFiles files, ConvertOptions options) throws IOException {
        if (options.srid() != null) {
            return options.srid();
        }
        String prj = files.text("prj");
        if (prj == null || prj.isBlank()) {
            throw DataflowException.stepFailed(files.name("shp") + " has no .prj, so its coordinate system is unknown",
                    "set srid to the EPSG code of the data", null);
        }
        int srid = PrjSrid.recognise(prj.strip());
        if (srid == 0) {
            String shown = prj.strip();
            throw DataflowException.stepFailed(files.name("prj") + ": coordinate system not recognised: "
                    + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown),
                    "set srid to the EPSG code of the data", null);
        }
        return srid;
    }

    /** Lower-cased field names; a name that repeats after lower-casing gets a _2, _3... suffix. */
    private static List<String> columns(String dbfName, List<DbfField> fields, String geometryColumn) {
        List<String> columns = new ArrayList<>(fields.size() + 1);
        Set<String> seen = new HashSet<>();
        for (DbfField f : fields) {
            String name = f.name().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                name = "field_" + (columns.size() + 1);
            }
            String unique = name;
            for (int k = 2; !seen.add(unique); k++) {
                unique = name + "_" + k;
            }
            columns.add(unique);
        }
        if (seen.contains(geometryColumn)) {
            throw DataflowException.stepFailed(dbfName + " has a field named " + geometryColumn
                    + ", the same as the geometry column", "set geometryColumn to another name", null);
        }
        columns.add(geometryColumn);
        return columns;
    }

    private static void move(Path temp, Path output) throws IOException {
        try {
            Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
