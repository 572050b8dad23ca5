package dev.dataflow.shapefile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the EPSG code of a .prj (WKT1, ESRI or OGC flavour, or WKT2). ESRI .prj files carry no EPSG code, so the few
 * systems this project meets are recognised by name and, for the New York State Plane, by datum and parameters too.
 * Anything else is reported as unknown rather than guessed: a wrong SRID misplaces every feature silently.
 */
final class PrjSrid {
    private static final Pattern UTM = Pattern.compile("(wgs_1984|wgs_84|nad_1983|nad83)_utm_zone_(\\d{1,2})([ns])");

    private PrjSrid() {
    }

    /** The EPSG code, or 0 when the WKT is not recognised. */
    static int recognise(String wkt) {
        Node root;
        try {
            root = new Parser(wkt).parse();
        } catch (IllegalArgumentException e) {
            return 0;
        }
        Integer code = epsgId(root);
        if (code != null) {
            return code;
        }
        String kind = root.keyword;
        String name = normalise(root.name());
        if (kind.equals("GEOGCS") || kind.equals("GEOGCRS") || kind.equals("GEODCRS")) {
            return geographic(root, name);
        }
        if (!kind.equals("PROJCS") && !kind.equals("PROJCRS")) {
            return 0;
        }
        if (name.contains("pseudo_mercator") || name.contains("web_mercator") || name.contains("popular_visualisation")) {
            return 3857;
        }
        Node projection = root.find("PROJECTION");
        if (projection != null && normalise(projection.name()).contains("mercator_auxiliary_sphere")) {
            return 3857;
        }
        Node geog = root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS");
        String datum = geog == null ? "" : normalise(datumName(geog));
        Matcher utm = UTM.matcher(name);
        if (utm.matches()) {
            int zone = Integer.parseInt(utm.group(2));
            boolean north = utm.group(3).equals("n");
            if (zone >= 1 && zone <= 60) {
                if (utm.group(1).startsWith("wgs") && isWgs84(datum)) {
                    return (north ? 32600 : 32700) + zone;
                }
                if (north && utm.group(1).startsWith("nad") && isNad83(datum)) {
                    return 26900 + zone;
                }
            }
            return 0;
        }
        if (isNad83(datum) && isLongIslandFeet(root, name)) {
            return 2263;
        }
        return 0;
    }

    private static int geographic(Node root, String name) {
        String datum = normalise(datumName(root));
        if (isWgs84(datum) || (datum.isEmpty() && (name.equals("gcs_wgs_1984") || name.equals("wgs_84")))) {
            return 4326;
        }
        if (isNad83(datum)) {
            return 4269;
        }
        return 0;
    }

    /**
     * NAD83 / New York Long Island (ftUS): by its ESRI or EPSG name, or by its Lambert conformal conic parameters in
     * US survey feet.
     */
    private static boolean isLongIslandFeet(Node root, String name) {
        boolean feet = name.contains("feet") || name.contains("ftus") || name.contains("_ft");
        if (name.contains("new_york_long_island") && feet && !name.contains("harn") && !name.contains("nsrs")
                && !name.contains("2011")) {
            return true;
        }
        Node projection = root.find("PROJECTION");
        Node method = root.find("METHOD");
        String proj = normalise(projection != null ? projection.name() : method != null ? method.name() : "");
        if (!proj.contains("lambert_conformal_conic") && !proj.contains("lambert_conic_conformal")) {
            return false;
        }
        Double unit = linearUnit(root);
        return unit != null && Math.abs(unit - 0.3048006096012192) < 1e-9
                && near(parameter(root, "standard_parallel_1", "latitude_of_1st_standard_parallel"), 41.0333333333333)
                && near(parameter(root, "standard_parallel_2", "latitude_of_2nd_standard_parallel"), 40.6666666666667)
                && near(parameter(root, "latitude_of_origin", "latitude_of_false_origin"), 40.1666666666667)
                && near(parameter(root, "central_meridian", "longitude_of_false_origin"), -74)
                && near(parameter(root, "false_easting", "easting_at_false_origin"), 984250)
                && near(parameter(root, "false_northing", "northing_at_false_origin"), 0);
    }

    private static boolean near(Double value, double expected) {
        return value != null && Math.abs(value - expected) < 1e-6;
    }

    private static Double parameter(Node root, String... names) {
        for (Node n : root.children) {
            if (n.keyword.equals("PARAMETER") && n.values.size() >= 2) {
                String key = normalise(n.name());
                for (String name : names) {
                    if (key.equals(name)) {
                        return n.number(1);
                    }
                }
            }
            if (n.keyword.equals("CONVERSION")) {
                Double inner = parameter(n, names);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** Metres per unit of a projected system: its own UNIT (WKT1) or the LENGTHUNIT of its false easting (WKT2). */
    private static Double linearUnit(Node root) {
        Node unit = root.child("UNIT", "LENGTHUNIT");
        if (unit == null) {
            Node cs = root.child("CONVERSION");
            if (cs != null) {
                for (Node p : cs.children) {
                    Node u = p.child("LENGTHUNIT");
                    if (u != null) {
                        unit = u;
                        break;
                    }
                }
            }
        }
        return unit == null || unit.values.size() < 2 ? null : unit.number(1);
    }

    private static String datumName(Node geog) {
        Node datum = geog.find("DATUM");
        return datum == null ? "" : datum.name();
    }

    private static boolean isWgs84(String datum) {
        return datum.equals("d_wgs_1984") || datum.equals("wgs_1984") || datum.equals("world_geodetic_system_1984")
                || datum.equals("wgs84");
    }

    private static boolean isNad83(String datum) {
        return datum.equals("d_north_american_1983") || datum.equals("north_american_datum_1983")
                || datum.equals("north_american_1983") || datum.equals("nad83");
    }

    /** EPSG code from the root's own AUTHORITY (WKT1) or ID (WKT2), not from a nested datum or unit. */
    private static Integer epsgId(Node root) {
        Node id = root.child("AUTHORITY", "ID");
        if (id == null || id.values.size() < 2 || !"EPSG".equalsIgnoreCase(id.name())) {
            return null;
        }
        Object v = id.values.get(1);
        try {
            return (int) Double.parseDouble(v instanceof String s ? s : String.valueOf(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** A WKT node: KEYWORD[value, value, NODE[...], ...]. Strings are Java strings, numbers Doubles. */
    private static final class Node {
        final String keyword;
        final List<Object> values = new ArrayList<>();
        final List<Node> children = new ArrayList<>();

        Node(String keyword) {
            this.keyword = keyword.toUpperCase(Locale.ROOT);
        }

        String name() {
            return !values.isEmpty() && values.get(0) instanceof String s ? s : "";
        }

        Double number(int i) {
            Object v = values.get(i);
            return v instanceof Double d ? d : null;
        }

        Node child(String... keywords) {
            for (Node n : children) {
                for (String k : keywords) {
                    if (n.keyword.equals(k)) {
                        return n;
                    }
                }
            }
            return null;
        }

        /** First node with the keyword anywhere below, depth first. */
        Node find(String keyword) {
            for (Node n : children) {
                if (n.keyword.equals(keyword)) {
                    return n;
                }
                Node inner = n.find(keyword);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Node parse() {
            skipSpace();
            Node n = node();
            skipSpace();
            if (i != s.length()) {
                throw new IllegalArgumentException("trailing text");
            }
            return n;
        }

        private Node node() {
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i == start || i >= s.length() || (s.charAt(i) != '[' && s.charAt(i) != '(')) {
                throw new IllegalArgumentException("expected KEYWORD[ at " + start);
            }
            Node n = new Node(s.substring(start, i));
            char close = s.charAt(i) == '[' ? ']' : ')';
            i++;
            skipSpace();
            while (i < s.length() && s.charAt(i) != close) {
                char c = s.charAt(i);
                if (c == '"') {
                    int end = i + 1;
                    StringBuilder text = new StringBuilder();
                    while (true) {
                        int q = s.indexOf('"', end);
                        if (q < 0) {
                            throw new IllegalArgumentException("unclosed string");
                        }
                        text.append(s, end, q);
                        // WKT escapes a quote inside a string by doubling it.
                        if (q + 1 < s.length() && s.charAt(q + 1) == '"') {
                            text.append('"');
                            end = q + 2;
                        } else {
                            i = q + 1;
                            break;
                        }
                    }
                    n.values.add(text.toString());
                } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                    int start2 = i;
                    while (i < s.length() && "+-.eE0123456789".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    n.values.add(Double.parseDouble(s.substring(start2, i)));
                } else {
                    int save = i;
                    while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                    if (i == save) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + i);
                    }
                    if (i < s.length() && (s.charAt(i) == '[' || s.charAt(i) == '(')) {
                        i = save;
                        Node child = node();
                        n.children.add(child);
                        n.values.add(child);
                    } else {
                        // A bare word such as an axis direction (NORTH, east).
                        n.values.add(s.substring(save, i));
                    }
                }
                skipSpace();
                if (i < s.length() && s.charAt(i) == ',') {
                    i++;
                    skipSpace();
                }
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("unclosed " + n.keyword);
            }
            i++;
            return n;
        }

        private void skipSpace() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
