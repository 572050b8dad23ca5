package dev.dataflow.shapefile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GDAL's tables as the proj4j-epsg jar ships them: the datums with their ESRI names, and which geographic and
 * projected systems are deprecated. {@link EpsgCatalog} reads them only when the EPSG names alone do not decide.
 */
final class GdalTables {
    private static final String DATUMS = "/proj4/gdal_datum.csv";
    private static final String GEOGRAPHIC_TABLE = "/proj4/gcs.csv";
    private static final String PROJECTED_TABLE = "/proj4/pcs.csv";

    private GdalTables() {
    }

    /** Datum codes by {@link CrsNames#datumKey} of each name in GDAL's datum table, ESRI's among them. */
    static Map<String, Set<Integer>> datumsByName() {
        Map<String, Set<Integer>> names = new HashMap<>();
        // GDAL's datum table: EPSG code, EPSG name, ..., ESRI name (the last column).
        try (BufferedReader r = resource(DATUMS)) {
            r.readLine();
            for (List<String> row; (row = csvRow(r)) != null; ) {
                try {
                    int code = Integer.parseInt(row.get(0));
                    addName(names, row.get(1), code);
                    addName(names, row.get(row.size() - 1), code);
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    // a malformed row names nothing
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DATUMS + " from the proj4j-epsg jar", e);
        }
        return names;
    }

    /** The codes of deprecated geographic and projected systems. */
    static Set<Integer> deprecated() {
        Set<Integer> codes = new HashSet<>();
        readDeprecated(GEOGRAPHIC_TABLE, 9, codes);
        readDeprecated(PROJECTED_TABLE, 7, codes);
        return codes;
    }

    /** Files {@code code} under the {@link CrsNames#datumKey} of {@code name}, unless the name has no words. */
    static void addName(Map<String, Set<Integer>> names, String name, int code) {
        String key = CrsNames.datumKey(name);
        if (!key.isEmpty()) {
            names.computeIfAbsent(key, k -> new HashSet<>()).add(code);
        }
    }

    /**
     * GDAL's tables of geographic and projected systems: the code first, the DEPRECATED flag in {@code column}. One
     * record a line; only the fields up to the flag are looked at.
     */
    private static void readDeprecated(String table, int column, Set<Integer> codes) {
        try (BufferedReader r = resource(table)) {
            for (String line; (line = r.readLine()) != null; ) {
                int field = 0;
                int at = 0;
                for (boolean quoted = false; at < line.length() && field < column; at++) {
                    char ch = line.charAt(at);
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == ',' && !quoted) {
                        field++;
                    }
                }
                // at is where field number `column` starts
                if (field == column && line.startsWith("1", at) && (at + 1 == line.length() || line.charAt(at + 1) == ',')) {
                    try {
                        codes.add(Integer.parseInt(line.substring(0, line.indexOf(','))));
                    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                        // header or comment
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + " from the proj4j-epsg jar", e);
        }
    }

    private static BufferedReader resource(String name) throws IOException {
        InputStream in = GdalTables.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** One CSV record (quoted fields may hold commas, doubled quotes and line breaks), or null at the end. */
    private static List<String> csvRow(BufferedReader r) throws IOException {
        String line = r.readLine();
        if (line == null) {
            return null;
        }
        CsvFields record = new CsvFields();
        while (!record.feed(line) && (line = r.readLine()) != null) {
            // a quoted field runs on to the next line
        }
        return record.fields();
    }
}
