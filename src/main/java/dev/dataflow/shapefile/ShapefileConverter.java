package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
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

    private static ConvertResult convert(LayerFiles files, Path output, ConvertOptions options) throws IOException {
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

    private static long copyRecords(ShpReader shp, DbfReader dbf, AttributeWriter attributes, GeometryEncoder geometries,
                                    CsvWriter csv, LayerFiles files) throws IOException {
        long features = 0;
        while (shp.next()) {
            if (!dbf.next()) {
                throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                        + files.name("shp") + " has more", "the two files do not belong together or one is damaged", null);
            }
            // A deleted DBF row deletes its feature; GDAL skips these too.
            if (dbf.deleted()) {
                continue;
            }
            attributes.write(dbf.recordNumber(), dbf.array(), dbf.recordOffset(), csv);
            geometries.write(shp.geometry(), shp.hasZ(), shp.hasM(), csv);
            csv.endRow();
            features++;
        }
        if (dbf.next()) {
            throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                    + files.name("shp") + " has only " + shp.recordNumber(),
                    "the two files do not belong together or one is damaged", null);
        }
        return features;
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
