package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.WKTReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GeometryEncoderTest {
    private final GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326,
            PackedCoordinateSequenceFactory.DOUBLE_FACTORY);

    private String encode(GeometryEncoder encoder, Geometry g, boolean z, boolean m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes, 1024);
        encoder.write(g, z, m, csv);
        csv.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Geometry point(double... c) {
        int measures = c.length == 3 && Double.isNaN(c[2]) || c.length == 4 ? 1 : 0;
        return factory.createPoint(new PackedCoordinateSequence.Double(c, c.length, measures));
    }

    @Test
    void writesLittleEndianHexEwkbWithSridAndTheGeometrysOwnDimensions() throws IOException {
        GeometryEncoder e = new GeometryEncoder(false, false, false);
        // Expected values as PostGIS writes them: SELECT ST_AsEWKB('SRID=4326;POINT(1 2)'::geometry) etc.
        assertEquals("0101000020E6100000000000000000F03F0000000000000040", encode(e, point(1, 2), false, false));
        assertEquals("01010000A0E6100000000000000000F03F00000000000000400000000000000840",
                encode(e, point(1, 2, 3), true, false));
        Geometry xym = factory.createPoint(new PackedCoordinateSequence.Double(new double[] {1, 2, 4}, 3, 1));
        assertEquals("0101000060E6100000000000000000F03F00000000000000400000000000001040", encode(e, xym, false, true));
        assertEquals("01010000E0E6100000000000000000F03F000000000000004000000000000008400000000000001040",
                encode(e, point(1, 2, 3, 4), true, true));
    }

    @Test
    void nullGeometryIsANullField() throws IOException {
        assertEquals("", encode(new GeometryEncoder(false, false, false), null, false, false));
    }

    @Test
    void twoDimensionsDropZAndM() throws IOException {
        assertEquals("0101000020E6100000000000000000F03F0000000000000040",
                encode(new GeometryEncoder(false, false, true), point(1, 2, 3, 4), true, true));
    }

    @Test
    void promotesSingleGeometriesOnly() throws Exception {
        GeometryEncoder e = new GeometryEncoder(true, true, false);
        WKTReader r = new WKTReader(factory);
        assertEquals("MULTIPOINT ((1 2))", encode(e, point(1, 2), false, false));
        assertEquals("\"MULTILINESTRING ((0 0,1 1))\"", encode(e, r.read("LINESTRING(0 0,1 1)"), false, false));
        assertEquals("\"MULTIPOLYGON (((0 0,0 1,1 1,0 0)))\"", encode(e, r.read("POLYGON((0 0,0 1,1 1,0 0))"), false, false));
        assertEquals("\"MULTIPOLYGON (((0 0,0 1,1 1,0 0)),((5 5,5 6,6 6,5 5)))\"",
                encode(e, r.read("MULTIPOLYGON(((0 0,0 1,1 1,0 0)),((5 5,5 6,6 6,5 5)))"), false, false));
        // Promoted EWKB: a MultiPolygon (6) with the SRID flag, holding one Polygon (3) without it.
        String hex = encode(new GeometryEncoder(false, true, false), r.read("POLYGON((0 0,0 1,1 1,0 0))"), false, false);
        assertEquals("0106000020E610000001000000010300000001000000", hex.substring(0, 44));
    }

    @Test
    void wktHasNoSridAndNamesItsDimensions() throws IOException {
        GeometryEncoder e = new GeometryEncoder(true, false, false);
        assertEquals("POINT (1 2)", encode(e, point(1, 2), false, false));
        assertEquals("POINT Z (1 2 3)", encode(e, point(1, 2, 3), true, false));
        Geometry xym = factory.createPoint(new PackedCoordinateSequence.Double(new double[] {1, 2, 4}, 3, 1));
        assertEquals("POINT M (1 2 4)", encode(e, xym, false, true));
        assertEquals("POINT ZM (1 2 3 4)", encode(e, point(1, 2, 3, 4), true, true));
    }

    @Test
    void wktNumbersAreShortestRoundTripDecimalsWithoutExponent() {
        double[] values = {1, -0.5, 1000000.125, 12345678.9, 1e7, 1e-7, 0.1 + 0.2, 987654321.123, -1e21, Double.NaN};
        String[] expected = {"1", "-0.5", "1000000.125", "12345678.9", "10000000", "0.0000001", "0.30000000000000004",
                "987654321.123", "-1000000000000000000000", "NaN"};
        for (int i = 0; i < values.length; i++) {
            StringBuilder b = new StringBuilder("x");
            WktText.number(values[i], b);
            assertEquals("x" + expected[i], b.toString());
            if (!Double.isNaN(values[i])) {
                assertEquals(values[i], Double.parseDouble(expected[i]));
            }
        }
    }
}
