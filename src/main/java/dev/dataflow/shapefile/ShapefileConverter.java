package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import dev.dataflow.config.ConvertOptions;
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
     * Converts to a CSV file, which appears only when complete.
     *
     * @throws DataflowException for unreadable, corrupt or unsupported input, naming the file and record
     */
    public static ConvertResult convert(Path input, Path outputCsv, ConvertOptions options) {
        Path output = outputCsv.toAbsolutePath();
        try (LayerFiles files = LayerFiles.open(input, options.layer())) {
            return convert(files, options, csv -> {
                Path dir = output.getParent();
                // Same folder as the output, so the final rename stays on one file system and can be atomic.
                Path temp = dir.resolve("." + output.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
                OutputStream os;
                try {
                    Files.createDirectories(dir);
                    os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
                boolean done = false;
                try {
                    try (os) {
                        csv.writeTo(os);
                    }
                    try {
                        move(temp, output);
                    } catch (IOException e) {
                        throw new WriteFailed(e);
                    }
                    done = true;
                } finally {
                    if (!done) {
                        Files.deleteIfExists(temp);
                    }
                }
                return output;
            });
        } catch (WriteFailed e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot write the CSV: " + e.getCause().getMessage(),
                    null, e.getCause());
        } catch (IOException e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot read: " + e.getMessage(), null, e);
        }
    }

    /**
     * Converts to a stream (standard output, for {@code convert -o -}), which is flushed but not closed. A failure
     * part-way leaves the rows written so far in the stream, as with any pipe.
     *
     * @throws DataflowException for unreadable, corrupt or unsupported input, naming the file and record
     */
    public static ConvertResult convert(Path input, OutputStream out, ConvertOptions options) {
        try (LayerFiles files = LayerFiles.open(input, options.layer())) {
            return convert(files, options, csv -> {
                csv.writeTo(out);
                out.flush();
                return null;
            });
        } catch (WriteFailed e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot write the CSV: " + e.getCause().getMessage(),
                    null, e.getCause());
        } catch (IOException e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot read: " + e.getMessage(), null, e);
        }
    }

    /** Writes the CSV of an opened layer somewhere and says where (null for a stream). */
    private interface Destination {
        Path write(Body csv) throws IOException;
    }

    /** The CSV, written when the destination is ready for it. */
    private interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    private static ConvertResult convert(LayerFiles files, ConvertOptions options, Destination destination)
            throws IOException {
        String shpName = files.name("shp");
        List<String> warnings = new ArrayList<>();
        int srid = srid(files, options, warnings);
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
            long[] features = new long[1];
            Path output = destination.write(os -> {
                try (CsvWriter csv = new CsvWriter(new Sink(os), OUTPUT_BUFFER)) {
                    for (String column : columns) {
                        csv.textField(column);
                    }
                    csv.endRow();
                    features[0] = copyRecords(shp, dbf, attributes, geometries, csv, files);
                }
            });
            return new ConvertResult(output, features[0], srid, columns, warnings);
        }
    }

    /**
     * What the CSV writer writes to: its close flushes without closing a stream the caller owns, and a failure to
     * write (a full disk, a closed pipe after {@code convert -o - | head}) is told apart from a failure to read.
     */
    private static final class Sink extends java.io.FilterOutputStream {
        Sink(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
    }

    /** A write to the CSV's destination failed; the cause says why. */
    private static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause);
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

    /**
     * The SRID: the option's, else the .prj's EPSG code. A missing or unknown .prj fails, unless the options ask for
     * SRID 0 as ogr2ogr writes it; then a warning names the coordinate system.
     */
    private static int srid(LayerFiles files, ConvertOptions options, List<String> warnings) throws IOException {
        if (options.srid() != null) {
            return options.srid();
        }
        String prj = files.text("prj");
        if (prj == null || prj.isBlank()) {
            if (options.unknownCrsAsZero()) {
                warnings.add(files.name("shp") + " has no .prj: SRID 0 written (set --srid to the EPSG code of the data)");
                return 0;
            }
            throw DataflowException.stepFailed(files.name("shp") + " has no .prj, so its coordinate system is unknown",
                    "set srid to the EPSG code of the data", null);
        }
        String text = prj.strip();
        int srid = PrjSrid.recognise(text);
        if (srid == 0) {
            String name = PrjSrid.name(text);
            String shown = name != null ? "\"" + name + "\"" : text.length() > 120 ? text.substring(0, 120) + "..." : text;
            if (options.unknownCrsAsZero()) {
                warnings.add(files.name("prj") + ": coordinate system " + shown
                        + " matches no EPSG system: SRID 0 written (set --srid to the EPSG code of the data)");
                return 0;
            }
            throw DataflowException.stepFailed(files.name("prj") + ": coordinate system " + shown
                    + " matches no EPSG system", "set srid to the EPSG code of the data", null);
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
