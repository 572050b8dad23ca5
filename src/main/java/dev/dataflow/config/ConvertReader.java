package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Set;

/**
 * Reads a source's {@code convert:} mapping into {@link ConvertOptions} and the CSV's file name. Every value is
 * checked here, with its position, so that building the options never throws.
 */
final class ConvertReader {
    private static final Set<String> CONVERT = Yaml.keys("promoteToMulti", "srid", "format", "dimensions", "charset",
            "geometryColumn", "output");

    /** The options, and the {@code output} file name (null: the shapefile's name with .csv). */
    record Conversion(ConvertOptions options, String output) {
    }

    private final Yaml yaml;

    ConvertReader(Yaml yaml) {
        this.yaml = yaml;
    }

    Conversion read(Node node) {
        Map<String, Node> m = yaml.mapping(node, "convert", CONVERT);
        boolean promote = m.containsKey("promoteToMulti") && Boolean.TRUE.equals(yaml.bool(m.get("promoteToMulti"),
                "promoteToMulti"));
        Integer srid = m.containsKey("srid") ? yaml.integer(m.get("srid"), "srid") : null;
        if (srid != null && srid <= 0) {
            yaml.problem(m.get("srid"), "srid must be a positive EPSG code, not " + srid, null);
            srid = null;
        }
        String format = m.containsKey("format") ? yaml.string(m.get("format"), "format") : "ewkb";
        if (format != null && !format.equals("ewkb") && !format.equals("wkt")) {
            yaml.problem(m.get("format"), "format must be ewkb or wkt, not '" + format + "'", null);
        }
        Integer dims = m.containsKey("dimensions") ? yaml.integer(m.get("dimensions"), "dimensions") : null;
        if (dims != null && dims != 2) {
            yaml.problem(m.get("dimensions"), "dimensions may only be 2 (drop Z and M)", "leave it out to keep Z/M");
        }
        Charset charset = null;
        String charsetName = m.containsKey("charset") ? yaml.string(m.get("charset"), "charset") : null;
        if (charsetName != null) {
            try {
                charset = Charset.forName(charsetName);
            } catch (RuntimeException e) {
                yaml.problem(m.get("charset"), "unknown charset '" + charsetName + "'", null);
            }
        }
        String geometryColumn = m.containsKey("geometryColumn")
                ? yaml.string(m.get("geometryColumn"), "geometryColumn") : ConvertOptions.DEFAULT_GEOMETRY_COLUMN;
        String output = m.containsKey("output") ? yaml.string(m.get("output"), "output") : null;
        if (output != null) {
            ObjectKeys.whyBadFileName(output).ifPresent(why -> yaml.problem(m.get("output"), "convert output '"
                    + output + "' would be written outside the convert folder: " + why, "give a file name such as x.csv"));
        }
        // A flow's shapefile is one layer, and an unknown coordinate system fails it (the convert command differs).
        ConvertOptions options = new ConvertOptions(promote, srid, "wkt".equals(format),
                dims != null && dims == 2 ? 2 : 0, charset, geometryColumn, null, false);
        return new Conversion(options, output);
    }
}
