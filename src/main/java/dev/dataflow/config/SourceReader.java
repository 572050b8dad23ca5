package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one entry of a domain's {@code sources:}: where the file comes from, its conversion, its table and columns. */
final class SourceReader {
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_ .-]*");
    private static final Set<String> SOURCE = Yaml.keys("name", "bucket", "key", "file", "convert", "table",
            "columns");

    private final Yaml yaml;
    private final ConvertReader converts;

    SourceReader(Yaml yaml) {
        this.yaml = yaml;
        this.converts = new ConvertReader(yaml);
    }

    /** The source, or null when it has no location or no table (the problem is reported). */
    Source read(String domain, Node node, Positions positions) {
        Map<String, Node> m = yaml.mapping(node, "a source of " + domain, SOURCE);
        String bucket = m.containsKey("bucket") ? yaml.string(m.get("bucket"), "bucket") : null;
        String key = m.containsKey("key") ? yaml.string(m.get("key"), "key") : null;
        String file = m.containsKey("file") ? yaml.string(m.get("file"), "file") : null;
        String table = m.containsKey("table") ? yaml.string(m.get("table"), "table") : null;
        List<String> columns = yaml.strings(m.get("columns"), "columns");
        if ((bucket == null) != (key == null)) {
            yaml.problem(node, "a source with a bucket needs a key, and a key needs a bucket", null);
        }
        if (bucket != null) {
            ObjectKeys.whyBadBucket(bucket).ifPresent(why -> yaml.problem(m.get("bucket"), "bucket '" + bucket
                    + "' is not a valid bucket name: " + why, null));
        }
        if (key != null) {
            ObjectKeys.whyUnsafe(key).ifPresent(why -> yaml.problem(m.get("key"), "object key '" + key
                    + "' cannot be stored under the download folder: " + why,
                    "object keys are relative paths such as sub/path/file.csv"));
        }
        if ((bucket == null) == (file == null)) {
            yaml.problem(node, "a source is either an object (bucket + key) or a shipped file (file)", null);
        }
        if (file != null) {
            positions.shippedFile(file, yaml.pos(m.get("file")));
        }
        if (table == null) {
            yaml.problem(node, "a source needs the table it loads into", null);
        } else if (!Identifiers.isValid(table)) {
            yaml.problem(m.get("table"), "table name '" + table + "' is not a valid identifier", null);
        }
        if (columns.isEmpty()) {
            yaml.problem(node, "a source needs its column list", "the CSV header names are matched against it");
        }
        for (String c : columns) {
            if (!Identifiers.isValid(c)) {
                yaml.problem(m.get("columns"), "column name '" + c + "' is not a valid identifier", null);
            }
        }
        ConvertReader.Conversion convert = m.containsKey("convert") ? converts.read(m.get("convert")) : null;
        String name = m.containsKey("name") ? yaml.string(m.get("name"), "name") : table;
        if (m.containsKey("name") && name != null && !SOURCE_NAME.matcher(name).matches()) {
            yaml.problem(m.get("name"), "source name '" + name + "' may hold only letters, digits, spaces and _ . -",
                    "it is a label that templates show as {{name}}; quotes could change the SQL it lands in");
        }
        SourceLocation location = bucket != null && key != null ? new SourceLocation.InBucket(bucket, key)
                : file != null ? new SourceLocation.Shipped(file) : null;
        if (location == null || table == null) {
            return null;
        }
        List<String> cols = List.copyOf(columns);
        if (convert == null) {
            return new Source.Csv(name, domain, location, table, cols, yaml.pos(node));
        }
        String output = convert.output() != null ? convert.output() : csvName(location.fileName());
        return new Source.Shapefile(name, domain, location, convert.options(), output, table, cols, yaml.pos(node));
    }

    /** The shapefile's (or zip's) file name without its last extension, plus {@code .csv}. */
    private static String csvName(String file) {
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file) + ".csv";
    }
}
