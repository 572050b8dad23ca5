package dev.dataflow.shapefile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The EPSG geographic and projected 2D systems as the proj4j-epsg artifact ships them (the EPSG dataset as WKT1, plus
 * GDAL's tables: datums with their ESRI names, and which systems are deprecated), and the lookup of a .prj among them.
 *
 * <p>A .prj matches a system when its geometry is the same ({@link CrsShape}) and its datum is the same by name: the
 * EPSG name, the ESRI {@code D_} name, or the name of its geographic system, each compared after
 * {@link #datumKey normalising}. A datum no name matches is unknown, as it is to GDAL: a GRS 1980 ellipsoid alone
 * fits NAD83, its realisations and ETRS89, so guessing would misplace the data. When several systems match (the same
 * zone defined twice, a deprecated copy), names decide: see {@link #best}.
 *
 * <p>Loaded once, on first use, which only a .prj the fast paths in {@link PrjSrid} do not recognise pays for: the
 * definitions are scanned for their datum, and those of a datum are parsed when a .prj first names it.
 */
final class EpsgCatalog {
    private static final String WKT = "/proj4/wkt/epsg.properties";
    private static final String DATUMS = "/proj4/gdal_datum.csv";
    private static final String GEOGRAPHIC_TABLE = "/proj4/gcs.csv";
    private static final String PROJECTED_TABLE = "/proj4/pcs.csv";
    /** EPSG codes have at most five digits; the file also holds a few longer, made-up ones for variant units. */
    private static final int MAX_CODE = 99_999;

    private static volatile EpsgCatalog instance;

    /** A parsed system. */
    private record Entry(int code, String name, int datumCode, CrsShape shape) {
    }

    /**
     * A system's WKT, not yet parsed, with its false easting in metres (NaN for a geographic system): parsing every
     * system on NAD83 to find one State Plane zone cost a third of a second, and the false easting alone narrows
     * them to a few.
     */
    private record Definition(int code, String wkt, double falseEastingMetres) {
    }

    /** The WKT of every kept system by the EPSG code of its datum, parsed only when a .prj names that datum. */
    private final Map<Integer, List<Definition>> definitionsByDatum = new HashMap<>();
    /** Definitions parsed so far, by code; empty for one this parser cannot read. */
    private final Map<Integer, Optional<Entry>> parsed = new ConcurrentHashMap<>();
    /** Datum codes by {@link #datumKey}: the EPSG names of each datum and of its geographic systems. */
    private final Map<String, Set<Integer>> datumsByName = new HashMap<>();
    /** The same for the names in GDAL's datum table, ESRI's among them; read when the EPSG names match nothing. */
    private Map<String, Set<Integer>> datumsByTableName;
    /** Deprecated codes; read when a tie needs breaking. */
    private Set<Integer> deprecated;

    private EpsgCatalog() {
    }

    static EpsgCatalog get() {
        EpsgCatalog c = instance;
        if (c == null) {
            synchronized (EpsgCatalog.class) {
                c = instance;
                if (c == null) {
                    c = load();
                    instance = c;
                }
            }
        }
        return c;
    }

    /** The EPSG code of a WKT1 system, or 0 when none matches. */
    int identify(Wkt root) {
        CrsShape shape = CrsShape.of(root);
        if (shape == null) {
            return 0;
        }
        String datumKey = datumKey(shape.datumName());
        String geographicKey = datumKey(shape.geographicName());
        Set<Integer> datums = new HashSet<>();
        datums.addAll(datumsByName.getOrDefault(datumKey, Set.of()));
        datums.addAll(datumsByName.getOrDefault(geographicKey, Set.of()));
        if (datums.isEmpty()) {
            Map<String, Set<Integer>> table = datumsByTableName();
            datums.addAll(table.getOrDefault(datumKey, Set.of()));
            datums.addAll(table.getOrDefault(geographicKey, Set.of()));
        }
        if (datums.isEmpty()) {
            return 0;
        }
        double falseEasting = shape instanceof CrsShape.Projected p
                ? p.parameters().get("false_easting") * p.linearUnit() : Double.NaN;
        List<Entry> candidates = new ArrayList<>();
        for (int datum : datums) {
            for (Definition d : definitionsByDatum.getOrDefault(datum, List.of())) {
                boolean projected = !Double.isNaN(d.falseEastingMetres);
                if (projected != shape instanceof CrsShape.Projected
                        || (projected && Math.abs(d.falseEastingMetres - falseEasting) > 0.01)) {
                    continue;
                }
                Entry e = parsed.computeIfAbsent(d.code, code -> parse(d, datum)).orElse(null);
                boolean same = e != null && (shape instanceof CrsShape.Geographic g
                        ? e.shape instanceof CrsShape.Geographic eg && g.sameAs(eg)
                        : shape instanceof CrsShape.Projected p && e.shape instanceof CrsShape.Projected ep && p.sameAs(ep));
                if (same) {
                    candidates.add(e);
                }
            }
        }
        return best(candidates, root.name());
    }

    private static Optional<Entry> parse(Definition d, int datum) {
        try {
            Wkt root = Wkt.parse(d.wkt);
            CrsShape shape = CrsShape.of(root);
            return shape == null ? Optional.empty() : Optional.of(new Entry(d.code, root.name(), datum, shape));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Among systems of the same geometry and datum (New Jersey and New York East share every parameter; ETRS89 / UTM
     * zone 32N has an "(N-E)" twin differing in axis order only), the one not deprecated, then the one named as the
     * .prj is, then the one whose name shares most words with the .prj's name, then most word pairs in the same order,
     * then fewest other words, then the lowest code.
     */
    private int best(List<Entry> candidates, String name) {
        if (candidates.isEmpty()) {
            return 0;
        }
        if (candidates.size() == 1) {
            return candidates.get(0).code;
        }
        Set<Integer> deprecated = deprecated();
        String key = nameKey(name);
        List<String> words = words(name);
        Set<String> pairs = pairs(words);
        Entry best = null;
        long[] bestRank = null;
        for (Entry e : candidates) {
            List<String> theirs = words(e.name);
            long shared = theirs.stream().filter(words::contains).count();
            Set<String> sharedPairs = pairs(theirs);
            sharedPairs.retainAll(pairs);
            long[] rank = {deprecated.contains(e.code) ? 0 : 1, nameKey(e.name).equals(key) ? 1 : 0, shared,
                    sharedPairs.size(), shared - theirs.size(), -e.code};
            if (bestRank == null || java.util.Arrays.compare(rank, bestRank) > 0) {
                best = e;
                bestRank = rank;
            }
        }
        return best.code;
    }

    /**
     * The words of a name in order: runs of letters and digits, lower case, with a two-digit year split off and
     * written in full, so that {@code NAD83}, {@code NAD_1983} and {@code NAD 83} all give {@code nad 1983}. (Plain
     * loops, no regular expressions: this runs some 10,000 times while the catalog loads.)
     */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        int n = name.length();
        for (int i = 0; i < n; ) {
            while (i < n && !isWordChar(name.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isWordChar(name.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            String word = name.substring(start, i).toLowerCase(Locale.ROOT);
            int len = word.length();
            boolean twoDigitEnd = len >= 2 && isDigit(word.charAt(len - 1)) && isDigit(word.charAt(len - 2))
                    && (len == 2 || !isDigit(word.charAt(len - 3)));
            boolean lettersBefore = true;
            for (int k = 0; k < len - 2 && lettersBefore; k++) {
                lettersBefore = !isDigit(word.charAt(k));
            }
            if (twoDigitEnd && lettersBefore) {
                if (len > 2) {
                    words.add(word.substring(0, len - 2));
                }
                int yy = Integer.parseInt(word.substring(len - 2));
                words.add(String.valueOf(yy < 30 ? 2000 + yy : 1900 + yy));
            } else {
                words.add(word);
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Set<String> pairs(List<String> words) {
        Set<String> pairs = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            pairs.add(words.get(i - 1) + ' ' + words.get(i));
        }
        return pairs;
    }

    /** A system's name for comparison: lower case, letters and digits only. */
    static String nameKey(String name) {
        return String.join("", words(name));
    }

    /**
     * A datum or geographic system's name for comparison: its {@link #words} joined, without ESRI's {@code D_} and
     * {@code GCS_} prefixes and with ESRI's {@code North_American} as {@code NAD}: {@code NAD83(2011)} and
     * {@code D_NAD_1983_2011} both become {@code nad19832011}.
     */
    static String datumKey(String name) {
        List<String> words = words(name);
        if (!words.isEmpty() && (words.get(0).equals("d") || words.get(0).equals("gcs"))) {
            words = words.subList(1, words.size());
        }
        return String.join("", words).replace("northamericandatum", "nad").replace("northamerican", "nad");
    }

    // -- loading ------------------------------------------------------------------------------------------------

    private static EpsgCatalog load() {
        EpsgCatalog c = new EpsgCatalog();
        try {
            c.loadDefinitions();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the EPSG dataset from the proj4j-epsg jar", e);
        }
        return c;
    }

    private static BufferedReader resource(String name) throws IOException {
        InputStream in = EpsgCatalog.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * {@code code=WKT} lines; only 2D geographic and projected systems are kept. Parsing all 5,600 definitions would
     * take a second or two in a fresh JVM, so this pass only reads each one's datum (name, code) and the name of its
     * geographic system with plain string search; {@link #parse} reads a datum's systems when a .prj names it.
     */
    private void loadDefinitions() throws IOException {
        String text;
        try (InputStream in = EpsgCatalog.class.getResourceAsStream(WKT)) {
            if (in == null) {
                throw new IOException(WKT + " is not on the class path");
            }
            // The file is ASCII (anything else is written as a backslash-u escape): Latin-1 makes the String without decoding, which
            // with plain indexOf takes a third of the time a UTF-8 reader's readLine does on these 4 MB.
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        Set<String> namesSeen = new HashSet<>();
        for (int from = 0, to; from < text.length(); from = to + 1) {
            to = text.indexOf('\n', from);
            if (to < 0) {
                to = text.length();
            }
            String line = text.substring(from, to);
            int eq = line.indexOf('=');
            if (eq <= 0 || eq > 6 || line.startsWith("#")
                    || !(line.startsWith("GEOGCS[", eq + 1) || line.startsWith("PROJCS[", eq + 1))
                    // 3D geographic systems (and projected ones on them) are not what a .prj describes.
                    || line.contains("Ellipsoidal height")) {
                continue;
            }
            String definition = unescape(line);
            String geographicName = quoted(definition, definition.indexOf("GEOGCS[\""));
            int datumAt = definition.indexOf("DATUM[\"");
            String datumName = quoted(definition, datumAt);
            int primem = definition.indexOf("PRIMEM[", datumAt);
            int authority = primem < 0 ? -1 : definition.lastIndexOf("AUTHORITY[\"EPSG\",\"", primem);
            if (geographicName == null || datumName == null || authority < datumAt) {
                continue;
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
                continue;
            }
            if (code > MAX_CODE) {
                continue;
            }
            addName(datumsByName, datumName, datum);
            addName(datumsByName, geographicName, datum);
            definitionsByDatum.computeIfAbsent(datum, k -> new ArrayList<>())
                    .add(new Definition(code, definition.substring(eq + 1), falseEasting));
        }
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

    private synchronized Map<String, Set<Integer>> datumsByTableName() {
        if (datumsByTableName == null) {
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
            datumsByTableName = names;
        }
        return datumsByTableName;
    }

    private synchronized Set<Integer> deprecated() {
        if (deprecated == null) {
            Set<Integer> codes = new HashSet<>();
            readDeprecated(GEOGRAPHIC_TABLE, 9, codes);
            readDeprecated(PROJECTED_TABLE, 7, codes);
            deprecated = codes;
        }
        return deprecated;
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

    private static void addName(Map<String, Set<Integer>> names, String name, int code) {
        String key = datumKey(name);
        if (!key.isEmpty()) {
            names.computeIfAbsent(key, k -> new HashSet<>()).add(code);
        }
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

    /** One CSV record (quoted fields may hold commas, doubled quotes and line breaks), or null at the end. */
    private static List<String> csvRow(BufferedReader r) throws IOException {
        String line = r.readLine();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (!quoted) {
                break;
            }
            line = r.readLine();
            if (line == null) {
                break;
            }
            field.append('\n');
        }
        fields.add(field.toString());
        return fields;
    }
}
