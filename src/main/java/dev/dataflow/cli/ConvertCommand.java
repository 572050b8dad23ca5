package dev.dataflow.cli;

import dev.dataflow.exec.Console;
import dev.dataflow.shapefile.ConvertOptions;
import dev.dataflow.shapefile.ConvertResult;
import dev.dataflow.shapefile.ShapefileConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code convert}: the shapefile converter on its own, like a small ogr2ogr. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a shapefile (.shp, or a .zip holding one) to CSV with hex EWKB (or WKT) geometry.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A .shp file or a .zip holding a shapefile.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv", description = "The CSV to write.")
    Path output;

    @Option(names = "--promote-to-multi", description = "Polygon -> MultiPolygon, LineString -> MultiLineString, Point -> MultiPoint.")
    boolean promote;

    @Option(names = "--srid", paramLabel = "N", description = "The SRID, when the .prj is missing or not recognised.")
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
    public Integer call() {
        ConvertOptions o = ConvertOptions.defaults().withPromoteToMulti(promote).withSrid(srid).withWkt(wkt)
                .withDimensions(twoD ? 2 : 0).withCharset(charset).withLayer(layer).withGeometryColumn(geometryColumn);
        if (!java.nio.file.Files.exists(input)) {
            throw dev.dataflow.DataflowException.badConfig(input + " does not exist", "give a .shp file or a .zip holding one");
        }
        long start = System.nanoTime();
        ConvertResult r = ShapefileConverter.convert(input, output, o);
        spec.commandLine().getOut().println(output + ": " + Console.count(r.features()) + " features, SRID " + r.srid()
                + ", columns " + String.join(",", r.columns()) + " (" + Console.seconds(System.nanoTime() - start) + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
