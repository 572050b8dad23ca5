package dev.dataflow.shapefile;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.Ordinate;
import org.locationtech.jts.io.WKBWriter;

import java.io.IOException;
import java.util.EnumSet;

/**
 * Writes one geometry as a CSV field: hex EWKB with SRID (what PostGIS reads fastest and exactly) or WKT without SRID.
 * The dimensions follow each geometry (XY, XYZ, XYM or XYZM) unless the caller asked for XY only.
 */
final class GeometryEncoder {
    private static final int Z = 1;
    private static final int M = 2;

    private final boolean wkt;
    private final boolean promoteToMulti;
    private final boolean flat;
    private final WKBWriter[] wkbWriters = new WKBWriter[4];
    private final StringBuilder text = new StringBuilder(1 << 12);

    GeometryEncoder(boolean wkt, boolean promoteToMulti, boolean flat) {
        this.wkt = wkt;
        this.promoteToMulti = promoteToMulti;
        this.flat = flat;
        for (int dims = 0; dims < 4; dims++) {
            EnumSet<Ordinate> ordinates = EnumSet.of(Ordinate.X, Ordinate.Y);
            if ((dims & Z) != 0) {
                ordinates.add(Ordinate.Z);
            }
            if ((dims & M) != 0) {
                ordinates.add(Ordinate.M);
            }
            WKBWriter wkb = new WKBWriter(ordinates.size(), ByteOrderValues.LITTLE_ENDIAN, true);
            wkb.setOutputOrdinates(ordinates);
            wkbWriters[dims] = wkb;
        }
    }

    /** Writes the field; a null geometry (a Null shape) becomes a NULL field. */
    void write(Geometry geometry, boolean hasZ, boolean hasM, CsvWriter out) throws IOException {
        if (geometry == null) {
            out.nullField();
            return;
        }
        Geometry g = promoteToMulti ? promote(geometry) : geometry;
        int dims = flat ? 0 : (hasZ ? Z : 0) | (hasM ? M : 0);
        if (wkt) {
            text.setLength(0);
            WktText.append(g, (dims & Z) != 0, (dims & M) != 0, text);
            out.textField(text);
        } else {
            out.startHexField();
            wkbWriters[dims].write(g, out.hexSink());
        }
    }

    static Geometry promote(Geometry g) {
        GeometryFactory f = g.getFactory();
        if (g instanceof Polygon p) {
            return p.isEmpty() ? f.createMultiPolygon() : f.createMultiPolygon(new Polygon[] {p});
        }
        if (g instanceof LineString l) {
            return l.isEmpty() ? f.createMultiLineString() : f.createMultiLineString(new LineString[] {l});
        }
        if (g instanceof Point p) {
            return p.isEmpty() ? f.createMultiPoint() : f.createMultiPoint(new Point[] {p});
        }
        return g;
    }
}
