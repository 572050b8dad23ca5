package dev.dataflow.shapefile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EPSG geographic and projected 2D systems as the proj4j-epsg artifact ships them (the EPSG dataset as WKT1),
 * indexed by datum but not parsed: {@link EpsgCatalog} parses a datum's systems when a .prj first names it.
 */
final class EpsgDefinitions {
    private static final String WKT = "/proj4/wkt/epsg.properties";
    /** EPSG codes have at most five digits; the file also holds a few longer, made-up ones for variant units. */
    private static final int MAX_CODE = 99_999;

    /** The WKT of every kept system by the EPSG code of its datum. */
    private final Map<Integer, List<Definition>> byDatum = new HashMap<>();
    /** Datum codes by {@link CrsNames#datumKey}: the EPSG names of each datum and of its geographic systems. */
    private final Map<String, Set<Integer>> datumsByName = new HashMap<>();

    private EpsgDefinitions() {
    }

    /** The kept systems on the datum with EPSG code {@code datum}. */
    List<Definition> onDatum(int datum) {
        return byDatum.getOrDefault(datum, List.of());
    }

    /** The codes of the datums with the {@link CrsNames#datumKey} {@code key}, by their EPSG names. */
    Set<Integer> datumsNamed(String key) {
        return datumsByName.getOrDefault(key, Set.of());
    }

    /**
     * A system's WKT, not yet parsed, with its false easting in metres (NaN for a geographic system): parsing every
     * system on NAD83 to find one State Plane zone cost a third of a second, and the false easting alone narrows
     * them to a few.
     */
    record Definition(int code, String wkt, double falseEastingMetres) {
    }

    /**
     * {@code code=WKT} lines; only 2D geographic and projected systems are kept. Parsing all 5,600 definitions would
     * take a second or two in a fresh JVM, so this pass only reads each one's datum (name, code) and the name of its
     * geographic system with plain string search.
     */
    static EpsgDefinitions read() {
        String text;
        try (InputStream in = EpsgDefinitions.class.getResourceAsStream(WKT)) {
            if (in == null) {
                throw new IOException(WKT + " is not on the class path");
            }
            // The file is ASCII (anything else is written as a backslash-u escape): Latin-1 makes the String without decoding, which
            // with plain indexOf takes a third of the time a UTF-8 reader's readLine does on these 4 MB.
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EPSG dataset from the proj4j-epsg jar", e);
        }
        EpsgDefinitions definitions = new EpsgDefinitions();
        for (int from = 0, to; from < text.length(); from = to + 1) {
            to = text.indexOf('\n', from);
            if (to < 0) {
                to = text.length();
            }
            definitions.add(text.substring(from, to));
        }
        return definitions;
    }

    private void add(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0 || eq > 6 || line.startsWith("#")
                || !(line.startsWith("GEOGCS[", eq + 1) || line.startsWith("PROJCS[", eq + 1))
                // 3D geographic systems (and projected ones on them) are not what a .prj describes.
                || line.contains("Ellipsoidal height")) {
            return;
        }
        String definition = unescape(line);
        String geographicName = quoted(definition, definition.indexOf("GEOGCS[\""));
        int datumAt = definition.indexOf("DATUM[\"");
        String datumName = quoted(definition, datumAt);
        int primem = definition.indexOf("PRIMEM[", datumAt);
        int authority = primem < 0 ? -1 : definition.lastIndexOf("AUTHORITY[\"EPSG\",\"", primem);
        if (geographicName == null || datumName == null || authority < datumAt) {
            return;
        }
        int start = authority + "AUTHORITY[\"EPSG\",\"".length();
        int code;
        int datum;
        double falseEasting = Double.NaN;
        try {
            datum = Integer.parseInt(definition.substring(start, definition.indexOf('"', start)));
            code = Integer.parseInt(definition.substring(0, eq).strip());
            if (definition.startsWith("PROJCS[", eq + 1)) {
                falseEasting = number(definition, definition.indexOf("PARAMETER[\"false_easting\"")) * number(
                        definition, definition.lastIndexOf("UNIT[\""));
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return;
        }
        if (code > MAX_CODE) {
            return;
        }
        GdalTables.addName(datumsByName, datumName, datum);
        GdalTables.addName(datumsByName, geographicName, datum);
        byDatum.computeIfAbsent(datum, k -> new ArrayList<>())
                .add(new Definition(code, definition.substring(eq + 1), falseEasting));
    }

    /** The number after the quoted name of the node at {@code at}: {@code KEYWORD["name", NUMBER...}; 0 if none. */
    private static double number(String s, int at) {
        if (at < 0) {
            return 0;
        }
        int comma = s.indexOf(',', s.indexOf('"', s.indexOf('"', at) + 1));
        int end = comma + 1;
        while (end < s.length() && s.charAt(end) != ',' && s.charAt(end) != ']') {
            end++;
        }
        return Double.parseDouble(s.substring(comma + 1, end).strip());
    }

    /** The string value starting at {@code KEYWORD["} found at {@code at}, or null. */
    private static String quoted(String s, int at) {
        if (at < 0) {
            return null;
        }
        int open = s.indexOf('"', at);
        int close = open < 0 ? -1 : s.indexOf('"', open + 1);
        return close < 0 ? null : s.substring(open + 1, close);
    }

    /** The few escapes a properties file may hold in these values: backslash before a character, \\uXXXX. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'u' && i + 4 < s.length()) {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
