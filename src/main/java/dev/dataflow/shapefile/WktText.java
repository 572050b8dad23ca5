package dev.dataflow.shapefile;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.math.BigDecimal;

/**
 * Writes WKT (no SRID) into a reusable builder. JTS's WKTWriter formats every ordinate through DecimalFormat, which
 * made WKT output three times slower than EWKB; here each ordinate is Java's shortest round-trip decimal, so PostGIS
 * parses back exactly the double the shapefile held.
 */
final class WktText {
    private WktText() {
    }

    static void append(Geometry g, boolean z, boolean m, StringBuilder out) {
        String tag = z && m ? " ZM " : z ? " Z " : m ? " M " : " ";
        if (g instanceof Point p) {
            out.append("POINT").append(tag);
            if (p.isEmpty()) {
                out.append("EMPTY");
            } else {
                sequence(p.getCoordinateSequence(), z, m, out);
            }
        } else if (g instanceof LineString l) {
            out.append("LINESTRING").append(tag);
            line(l, z, m, out);
        } else if (g instanceof Polygon p) {
            out.append("POLYGON").append(tag);
            polygon(p, z, m, out);
        } else if (g instanceof MultiPoint mp) {
            out.append("MULTIPOINT").append(tag);
            parts(mp, z, m, out);
        } else if (g instanceof MultiLineString ml) {
            out.append("MULTILINESTRING").append(tag);
            parts(ml, z, m, out);
        } else if (g instanceof MultiPolygon mp) {
            out.append("MULTIPOLYGON").append(tag);
            parts(mp, z, m, out);
        } else {
            throw new IllegalArgumentException("no WKT for " + g.getGeometryType());
        }
    }

    private static void parts(GeometryCollection c, boolean z, boolean m, StringBuilder out) {
        if (c.isEmpty()) {
            out.append("EMPTY");
            return;
        }
        out.append('(');
        for (int i = 0; i < c.getNumGeometries(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Geometry part = c.getGeometryN(i);
            if (part instanceof Point p) {
                sequence(p.getCoordinateSequence(), z, m, out);
            } else if (part instanceof LineString l) {
                line(l, z, m, out);
            } else {
                polygon((Polygon) part, z, m, out);
            }
        }
        out.append(')');
    }

    private static void polygon(Polygon p, boolean z, boolean m, StringBuilder out) {
        if (p.isEmpty()) {
            out.append("EMPTY");
            return;
        }
        out.append('(');
        sequence(p.getExteriorRing().getCoordinateSequence(), z, m, out);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            out.append(',');
            sequence(p.getInteriorRingN(i).getCoordinateSequence(), z, m, out);
        }
        out.append(')');
    }

    private static void line(LineString l, boolean z, boolean m, StringBuilder out) {
        if (l.isEmpty()) {
            out.append("EMPTY");
        } else {
            sequence(l.getCoordinateSequence(), z, m, out);
        }
    }

    private static void sequence(CoordinateSequence seq, boolean z, boolean m, StringBuilder out) {
        out.append('(');
        for (int i = 0; i < seq.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            number(seq.getX(i), out);
            out.append(' ');
            number(seq.getY(i), out);
            if (z) {
                out.append(' ');
                number(seq.getZ(i), out);
            }
            if (m) {
                out.append(' ');
                number(seq.getM(i), out);
            }
        }
        out.append(')');
    }

    /** Shortest round-trip decimal without exponent or a needless ".0"; NaN as PostGIS writes it. */
    static void number(double d, StringBuilder out) {
        int start = out.length();
        out.append(d);
        int end = out.length();
        for (int i = start; i < end; i++) {
            char c = out.charAt(i);
            if (c == 'E') {
                String plain = new BigDecimal(out.substring(start)).stripTrailingZeros().toPlainString();
                out.setLength(start);
                out.append(plain);
                return;
            }
            if (c == 'N') {
                return;
            }
        }
        if (end - start > 2 && out.charAt(end - 1) == '0' && out.charAt(end - 2) == '.') {
            out.setLength(end - 2);
        }
    }
}
