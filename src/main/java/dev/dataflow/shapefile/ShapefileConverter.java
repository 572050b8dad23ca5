package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import dev.dataflow.config.ConvertOptions;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Converts one shapefile layer (.shp or .zip) to a CSV for PostgreSQL COPY: the attribute fields lower-cased in
 * field order, then the geometry. Records are streamed one at a time ({@link RecordCopier}), so memory does not grow
 * with the file. The CSV appears under its name only when complete ({@link CsvDestination#file}).
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
        return convert(input, options, CsvDestination.file(outputCsv));
    }

    /**
     * Converts to a stream (standard output, for {@code convert -o -}), which is flushed but not closed. A failure
     * part-way leaves the rows written so far in the stream, as with any pipe.
     *
     * @throws DataflowException for unreadable, corrupt or unsupported input, naming the file and record
     */
    public static ConvertResult convert(Path input, OutputStream out, ConvertOptions options) {
        return convert(input, options, CsvDestination.stream(out));
    }

    private static ConvertResult convert(Path input, ConvertOptions options, CsvDestination destination) {
        try (LayerFiles files = LayerFiles.open(input, options.layer())) {
            return convert(files, options, destination);
        } catch (CsvDestination.WriteFailed e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot write the CSV: " + e.getCause().getMessage(),
                    null, e.getCause());
        } catch (IOException e) {
            throw DataflowException.stepFailed(input.getFileName() + ": cannot read: " + e.getMessage(), null, e);
        }
    }

    private static ConvertResult convert(LayerFiles files, ConvertOptions options, CsvDestination destination)
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
                try (CsvWriter csv = new CsvWriter(new CsvDestination.Sink(os), OUTPUT_BUFFER)) {
                    for (String column : columns) {
                        csv.textField(column);
                    }
                    csv.endRow();
                    features[0] = RecordCopier.copy(shp, dbf, attributes, geometries, csv, files);
                }
            });
            return new ConvertResult(output, features[0], srid, columns, warnings);
        }
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
}
