package dev.dataflow.shapefile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the EPSG code of a .prj (WKT1, ESRI or OGC flavour, or WKT2), as GDAL's {@code gdalsrsinfo -e} does. An
 * explicit EPSG code at the root wins. The systems this project meets most (WGS 84, NAD83, Web Mercator, UTM zones, New
 * York Long Island feet) are then recognised at once by name or parameters; any other WKT1 system is looked up in the
 * EPSG dataset ({@link EpsgCatalog}). What matches nothing is unknown (0) rather than guessed: a wrong SRID misplaces
 * every feature silently.
 */
final class PrjSrid {
    private static final Pattern UTM = Pattern.compile("(wgs_1984|wgs_84|nad_1983|nad83)_utm_zone_(\\d{1,2})([ns])");

    private PrjSrid() {
    }

    /** The EPSG code, or 0 when the WKT is not recognised. */
    static int recognise(String wkt) {
        Wkt root;
        try {
            root = Wkt.parse(wkt);
        } catch (IllegalArgumentException e) {
            return 0;
        }
        int code = atOnce(root);
        return code != 0 ? code : EpsgCatalog.get().identify(root);
    }

    /** The name of the system the WKT describes (its root's name), or null when the text is not WKT. */
    static String name(String wkt) {
        try {
            String name = Wkt.parse(wkt).name();
            return name.isBlank() ? null : name;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The explicit code, or one of the common systems known without the catalog; 0 otherwise. */
    private static int atOnce(Wkt root) {
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
        Wkt projection = root.find("PROJECTION");
        if (projection != null && normalise(projection.name()).contains("mercator_auxiliary_sphere")) {
            return 3857;
        }
        Wkt geog = root.child("GEOGCS", "BASEGEOGCRS", "BASEGEODCRS");
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

    private static int geographic(Wkt root, String name) {
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
    private static boolean isLongIslandFeet(Wkt root, String name) {
        boolean feet = name.contains("feet") || name.contains("ftus") || name.contains("_ft");
        if (name.contains("new_york_long_island") && feet && !name.contains("harn") && !name.contains("nsrs")
                && !name.contains("2011")) {
            return true;
        }
        Wkt projection = root.find("PROJECTION");
        Wkt method = root.find("METHOD");
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

    private static Double parameter(Wkt root, String... names) {
        for (Wkt n : root.children) {
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
    private static Double linearUnit(Wkt root) {
        Wkt unit = root.child("UNIT", "LENGTHUNIT");
        if (unit == null) {
            Wkt cs = root.child("CONVERSION");
            if (cs != null) {
                for (Wkt p : cs.children) {
                    Wkt u = p.child("LENGTHUNIT");
                    if (u != null) {
                        unit = u;
                        break;
                    }
                }
            }
        }
        return unit == null || unit.values.size() < 2 ? null : unit.number(1);
    }

    private static String datumName(Wkt geog) {
        Wkt datum = geog.find("DATUM");
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
    private static Integer epsgId(Wkt root) {
        Wkt id = root.child("AUTHORITY", "ID");
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

    /** Lower case, each run of other characters as one underscore, none at either end. */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean gap = false;
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && out.length() > 0) {
                    out.append('_');
                }
                out.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }
}
