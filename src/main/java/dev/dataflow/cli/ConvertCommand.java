package dev.dataflow.cli;

import dev.dataflow.exec.Console;
import dev.dataflow.config.ConvertOptions;
import dev.dataflow.shapefile.ConvertResult;
import dev.dataflow.shapefile.ShapefileConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.dataflow.DataflowException;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code convert}: the shapefile converter on its own, like a small ogr2ogr. As ogr2ogr does, it writes SRID 0 with a
 * warning when the .prj is missing or matches no EPSG system (a flow's {@code shp:convert} fails instead), refuses to
 * replace an existing output without {@code --overwrite}, and writes to standard output with {@code -o -}.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a shapefile (.shp, or a .zip holding one) to CSV with hex EWKB (or WKT) geometry.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A .shp file or a .zip holding a shapefile.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv",
            description = "The CSV to write; - for standard output.")
    Path output;

    @Option(names = "--overwrite", description = "Replace the output file if it exists.")
    boolean overwrite;

    @Option(names = "--promote-to-multi", description = "Polygon -> MultiPolygon, LineString -> MultiLineString, Point -> MultiPoint.")
    boolean promote;

    @Option(names = "--srid", paramLabel = "N",
            description = "The SRID to write, whatever the .prj says (default: the .prj's EPSG code, or 0 with a warning).")
    Integer srid;

    @Option(names = "--wkt", description = "Write WKT (without SRID) instead of hex EWKB.")
    boolean wkt;

    @Option(names = "--2d", description = "Drop Z and M.")
    boolean twoD;

    @Option(names = "--charset", paramLabel = "NAME", description = "The DBF text encoding (default: from .cpg, else the DBF's language driver, else UTF-8).")
    Charset charset;

    @Option(names = "--layer", paramLabel = "NAME", description = "The layer to read when a zip holds several.")
    String layer;

    @Option(names = "--geometry-column", paramLabel = "NAME", defaultValue = "wkt", description = "Name of the geometry column (default: ${DEFAULT-VALUE}).")
    String geometryColumn;

    @Override
    public Integer call() throws Exception {
        ConvertOptions o = ConvertOptions.defaults().withPromoteToMulti(promote).withSrid(srid).withWkt(wkt)
                .withDimensions(twoD ? 2 : 0).withCharset(charset).withLayer(layer).withGeometryColumn(geometryColumn)
                .withUnknownCrsAsZero(true);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(input)) {
            throw DataflowException.badConfig(input + " does not exist", "give a .shp file or a .zip holding one");
        }
        boolean toStdout = output.toString().equals("-");
        if (!toStdout && Files.exists(output) && !overwrite) {
            throw DataflowException.badConfig(output + " already exists", "add --overwrite to replace it");
        }
        long start = System.nanoTime();
        ConvertResult r;
        if (toStdout) {
            out.flush();
            // The CSV is bytes (UTF-8), so it goes to the process's standard output as such, not through a Writer.
            FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
            r = ShapefileConverter.convert(input, stdout, o);
        } else {
            r = ShapefileConverter.convert(input, output, o);
        }
        for (String warning : r.warnings()) {
            err.println("warning: " + warning);
        }
        // With -o - standard output is the CSV, so the summary goes to standard error.
        PrintWriter summary = toStdout ? err : out;
        summary.println((toStdout ? "-" : output.toString()) + ": " + Console.count(r.features()) + " features, SRID "
                + r.srid() + ", columns " + String.join(",", r.columns()) + " ("
                + Console.seconds(System.nanoTime() - start) + ")");
        summary.flush();
        err.flush();
        return 0;
    }
}
