package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;

import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Command-line entry for converting one shapefile, used by the benchmark until the runner has a convert command:
 * {@code ConvertMain IN OUT [--promote] [--wkt] [--xy] [--srid N] [--charset NAME] [--geometry-column NAME] [--layer NAME]}.
 */
final class ConvertMain {
    private ConvertMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ConvertMain IN.shp|IN.zip OUT.csv [--promote] [--wkt] [--xy] [--srid N]"
                    + " [--charset NAME] [--geometry-column NAME] [--layer NAME]");
            System.exit(DataflowException.BAD_CONFIG);
        }
        ConvertOptions options = ConvertOptions.defaults();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--promote" -> options = options.withPromoteToMulti(true);
                case "--wkt" -> options = options.withWkt(true);
                case "--xy" -> options = options.withDimensions(2);
                case "--srid" -> options = options.withSrid(Integer.parseInt(args[++i]));
                case "--charset" -> options = options.withCharset(Charset.forName(args[++i]));
                case "--geometry-column" -> options = options.withGeometryColumn(args[++i]);
                case "--layer" -> options = options.withLayer(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(DataflowException.BAD_CONFIG);
                }
            }
        }
        try {
            long start = System.nanoTime();
            ConvertResult r = ShapefileConverter.convert(Path.of(args[0]), Path.of(args[1]), options);
            System.err.printf("%d features, SRID %d, %d columns -> %s in %d ms%n", r.features(), r.srid(),
                    r.columns().size(), r.output(), (System.nanoTime() - start) / 1_000_000);
        } catch (DataflowException e) {
            System.err.println("error: " + e.userMessage());
            System.exit(e.exitCode());
        }
    }
}
