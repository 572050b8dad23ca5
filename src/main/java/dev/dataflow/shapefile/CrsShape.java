package dev.dataflow.shapefile;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The geometry of a WKT1 coordinate system, with names left aside so that an ESRI .prj and the OGC text of the same
 * EPSG system compare equal: ellipsoid, prime meridian and angular unit; for a projected system also the projection
 * method (one family per method, whatever the flavour calls it), its parameters under one name each, and the linear
 * unit. Datums are matched by name elsewhere, since two datums may share an ellipsoid (NAD83 and its realisations).
 */
sealed interface CrsShape permits CrsShape.Geographic, CrsShape.Projected {

    /** Radians per degree, the unit WKT1 angles are compared in. */
    double DEGREE = Math.PI / 180;

    /** The root's datum name, as written (ESRI {@code D_...} or OGC). */
    String datumName();

    /** The name of the geographic system (the root itself, or the base of a projected one). */
    String geographicName();

    /**
     * @param datumName      datum name as written
     * @param geographicName GEOGCS name as written
     * @param semiMajor      metres
     * @param inverseFlattening 0 for a sphere
     * @param primeMeridian  degrees east of Greenwich, read in the system's angular unit (OGC)
     * @param primeMeridianAsDegrees the same value read as degrees (ESRI writes degrees whatever the unit)
     * @param angularUnit    radians per unit
     */
    record Geographic(String datumName, String geographicName, double semiMajor, double inverseFlattening,
                      double primeMeridian, double primeMeridianAsDegrees, double angularUnit) implements CrsShape {

        /** Same ellipsoid, prime meridian and angular unit. */
        boolean sameAs(Geographic other) {
            return Math.abs(semiMajor - other.semiMajor) < 1e-3
                    && Math.abs(inverseFlattening - other.inverseFlattening) < 1e-6
                    && Math.abs(angularUnit - other.angularUnit) <= 1e-12 * other.angularUnit
                    && (near(primeMeridian, other.primeMeridian, 1e-7)
                    || near(primeMeridianAsDegrees, other.primeMeridian, 1e-7));
        }
    }

    /**
     * @param base       the geographic system
     * @param method     the projection family, see {@link #family}
     * @param parameters parameters by canonical name; angles in the base's angular unit, lengths in the linear unit
     * @param linearUnit metres per unit
     */
    record Projected(Geographic base, String method, Map<String, Double> parameters, double linearUnit)
            implements CrsShape {
        private static final Set<String> LENGTHS = Set.of("false_easting", "false_northing");
        private static final Set<String> SCALES = Set.of("scale_factor");

        @Override
        public String datumName() {
            return base.datumName();
        }

        @Override
        public String geographicName() {
            return base.geographicName();
        }

        /** Same base geometry, method, unit and parameters (angles read in the base's unit, or as degrees). */
        boolean sameAs(Projected other) {
            if (!method.equals(other.method) || !base.sameAs(other.base)
                    || Math.abs(linearUnit - other.linearUnit) > 1e-9 * other.linearUnit
                    || !parameters.keySet().equals(other.parameters.keySet())) {
                return false;
            }
            return sameParameters(other, base.angularUnit / DEGREE) || sameParameters(other, 1);
        }

        private boolean sameParameters(Projected other, double toDegrees) {
            double otherToDegrees = other.base.angularUnit / DEGREE;
            for (Map.Entry<String, Double> e : parameters.entrySet()) {
                double mine = e.getValue();
                double theirs = other.parameters.get(e.getKey());
                if (LENGTHS.contains(e.getKey())) {
                    // Compared in metres: a false easting converted from metres to feet keeps a few decimals only.
                    if (Math.abs(mine * linearUnit - theirs * other.linearUnit) > 2e-3) {
                        return false;
                    }
                } else if (SCALES.contains(e.getKey())) {
                    if (!near(mine, theirs, 1e-9)) {
                        return false;
                    }
                } else if (!near(turn(mine * toDegrees), turn(theirs * otherToDegrees), 1e-7)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** An angle in degrees within (-180, 180]: EPSG writes an azimuth of 323.13 where ESRI writes -36.87. */
    private static double turn(double degrees) {
        double d = degrees % 360;
        return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
    }

    private static boolean near(double a, double b, double tolerance) {
        return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** The shape of a WKT1 GEOGCS or PROJCS, or null for anything else (WKT2, compound, geocentric, broken). */
    static CrsShape of(Wkt root) {
        if (root.keyword.equals("GEOGCS")) {
            return geographic(root);
        }
        if (!root.keyword.equals("PROJCS")) {
            return null;
        }
        Wkt geogcs = root.child("GEOGCS");
        Wkt projection = root.child("PROJECTION");
        Wkt unit = root.child("UNIT");
        Geographic base = geogcs == null ? null : geographic(geogcs);
        Double metres = unit == null ? null : unit.number(1);
        if (base == null || projection == null || metres == null || metres <= 0) {
            return null;
        }
        String method = family(projection.name());
        Map<String, Double> parameters = new HashMap<>();
        for (Wkt p : root.children) {
            if (p.keyword.equals("PARAMETER")) {
                String name = parameter(p.name());
                Double value = p.number(1);
                if (value == null) {
                    return null;
                }
                if (name != null) {
                    parameters.put(name, value);
                }
            }
        }
        defaults(method, parameters);
        return new Projected(base, method, Map.copyOf(parameters), metres);
    }

    private static Geographic geographic(Wkt geogcs) {
        Wkt datum = geogcs.child("DATUM");
        Wkt spheroid = datum == null ? null : datum.child("SPHEROID");
        Wkt primem = geogcs.child("PRIMEM");
        Wkt unit = geogcs.child("UNIT");
        if (spheroid == null || spheroid.number(1) == null || spheroid.number(2) == null) {
            return null;
        }
        double radians = unit == null || unit.number(1) == null ? DEGREE : unit.number(1);
        double pm = primem == null || primem.number(1) == null ? 0 : primem.number(1);
        return new Geographic(datum.name(), geogcs.name(), spheroid.number(1), spheroid.number(2),
                pm * radians / DEGREE, pm, radians);
    }

    /** One family per projection method, whatever the flavour calls it; unknown names stand for themselves. */
    static String family(String method) {
        String m = PrjSrid.normalise(method);
        return switch (m) {
            case "transverse_mercator", "gauss_kruger" -> "tm";
            case "transverse_mercator_south_orientated", "transverse_mercator_south_oriented" -> "tmso";
            case "lambert_conformal_conic", "lambert_conformal_conic_1sp", "lambert_conformal_conic_2sp" -> "lcc";
            case "mercator", "mercator_1sp", "mercator_2sp" -> "merc";
            case "mercator_auxiliary_sphere", "popular_visualisation_pseudo_mercator" -> "webmerc";
            case "albers", "albers_conic_equal_area" -> "aea";
            case "oblique_stereographic", "double_stereographic" -> "sterea";
            case "hotine_oblique_mercator", "hotine_oblique_mercator_azimuth_natural_origin",
                 "rectified_skew_orthomorphic_natural_origin" -> "omerc_a";
            case "oblique_mercator", "hotine_oblique_mercator_azimuth_center", "rectified_skew_orthomorphic_center" ->
                    "omerc_b";
            case "cassini_soldner", "cassini" -> "cass";
            case "polar_stereographic", "polar_stereographic_variant_b", "stereographic_north_pole",
                 "stereographic_south_pole" -> "stere";
            case "equidistant_cylindrical", "equidistant_cylindrical_spherical", "equirectangular", "plate_carree" ->
                    "eqc";
            default -> m;
        };
    }

    /** One name per parameter; null for those that carry nothing the geometry depends on. */
    private static String parameter(String name) {
        String p = PrjSrid.normalise(name);
        return switch (p) {
            case "latitude_of_origin", "latitude_of_center", "latitude_of_natural_origin" -> "latitude_of_origin";
            case "central_meridian", "longitude_of_center", "longitude_of_origin", "longitude_of_natural_origin" ->
                    "central_meridian";
            case "scale_factor", "scale_factor_at_natural_origin" -> "scale_factor";
            case "azimuth" -> "azimuth";
            case "rectified_grid_angle" -> "rectified_grid_angle";
            case "semi_major", "semi_minor", "auxiliary_sphere_type" -> null;
            default -> p;
        };
    }

    /** Fills the values a flavour may leave out, so that both spellings of one projection have the same keys. */
    private static void defaults(String method, Map<String, Double> p) {
        p.putIfAbsent("false_easting", 0.0);
        p.putIfAbsent("false_northing", 0.0);
        switch (method) {
            case "lcc" -> {
                // 1SP: the standard parallel is the latitude of origin; ESRI writes it, OGC does not.
                p.putIfAbsent("standard_parallel_1", p.getOrDefault("latitude_of_origin", 0.0));
                p.putIfAbsent("standard_parallel_2", p.get("standard_parallel_1"));
                p.putIfAbsent("scale_factor", 1.0);
                orderParallels(p);
            }
            case "aea" -> orderParallels(p);
            case "eqc" -> {
                p.putIfAbsent("latitude_of_origin", 0.0);
                p.putIfAbsent("standard_parallel_1", 0.0);
            }
            case "merc" -> {
                p.putIfAbsent("standard_parallel_1", 0.0);
                p.putIfAbsent("scale_factor", 1.0);
                p.putIfAbsent("latitude_of_origin", 0.0);
            }
            case "webmerc" -> {
                p.putIfAbsent("latitude_of_origin", 0.0);
                p.putIfAbsent("scale_factor", 1.0);
                p.remove("standard_parallel_1");
            }
            case "omerc_a", "omerc_b" -> {
                if (p.containsKey("azimuth")) {
                    p.putIfAbsent("rectified_grid_angle", p.get("azimuth"));
                }
            }
            case "tm", "tmso", "sterea", "cass" -> {
                p.putIfAbsent("scale_factor", 1.0);
                p.putIfAbsent("latitude_of_origin", 0.0);
            }
            default -> {
            }
        }
    }

    /** The two standard parallels of a conic projection play the same part; EPSG and ESRI list them in either order. */
    private static void orderParallels(Map<String, Double> p) {
        Double one = p.get("standard_parallel_1");
        Double two = p.get("standard_parallel_2");
        if (one != null && two != null && one < two) {
            p.put("standard_parallel_1", two);
            p.put("standard_parallel_2", one);
        }
    }
}
