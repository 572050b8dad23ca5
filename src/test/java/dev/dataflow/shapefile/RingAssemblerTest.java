package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingAssemblerTest {
    private final GeometryFactory factory = new GeometryFactory();
    private final RingAssembler assembler = new RingAssembler(factory);

    /** Clockwise square (a shell in shapefile terms) from (x0,y0) with side s. */
    private static double[] cw(double x0, double y0, double s) {
        return new double[] {x0, y0, x0, y0 + s, x0 + s, y0 + s, x0 + s, y0, x0, y0};
    }

    /** Counter-clockwise square (a hole). */
    private static double[] ccw(double x0, double y0, double s) {
        return new double[] {x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s, x0, y0};
    }

    private void assertAssembles(String expectedWkt, double[]... rings) throws Exception {
        Geometry expected = new WKTReader(factory).read(expectedWkt);
        Geometry actual = assembler.assemble(rings, 2, 0);
        // equalsExact compares structure and vertex order, so it also proves no ring was reversed or reordered.
        assertTrue(expected.equalsExact(actual), () -> "expected " + expectedWkt + "\nbut got " + new WKTWriter().write(actual));
    }

    @Test
    void signedAreaIsNegativeForClockwiseRings() {
        assertEquals(-100, RingAssembler.signedArea(cw(0, 0, 10), 2), 1e-9);
        assertEquals(100, RingAssembler.signedArea(ccw(0, 0, 10), 2), 1e-9);
        // Far from the origin (State Plane feet) the value must stay exact.
        assertEquals(-4, RingAssembler.signedArea(cw(1_000_000.5, 200_000.25, 2), 2), 1e-9);
    }

    @Test
    void singleRingIsAPolygonWhateverItsOrientation() throws Exception {
        assertAssembles("POLYGON((0 0,0 10,10 10,10 0,0 0))", cw(0, 0, 10));
        assertAssembles("POLYGON((0 0,10 0,10 10,0 10,0 0))", ccw(0, 0, 10));
    }

    @Test
    void holeGoesIntoItsShell() throws Exception {
        assertAssembles("POLYGON((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2))", cw(0, 0, 10), ccw(2, 2, 2));
    }

    @Test
    void holeListedBeforeItsShellStillFindsIt() throws Exception {
        assertAssembles("POLYGON((0 0,0 10,10 10,10 0,0 0),(2 2,4 2,4 4,2 4,2 2))", ccw(2, 2, 2), cw(0, 0, 10));
    }

    @Test
    void severalShellsMakeAMultiPolygonWithEachHoleInTheRightShell() throws Exception {
        assertAssembles("MULTIPOLYGON(((0 0,0 10,10 10,10 0,0 0)),((20 0,20 10,30 10,30 0,20 0),(22 2,24 2,24 4,22 4,22 2)))",
                cw(0, 0, 10), cw(20, 0, 10), ccw(22, 2, 2));
    }

    @Test
    void holeGoesToTheSmallestContainingShell() throws Exception {
        // An island (shell 20..80) inside the hole (10..90) of a big shell; the lake (30..40) is in the island.
        double[] big = cw(0, 0, 100);
        double[] bigHole = ccw(10, 10, 80);
        double[] island = cw(20, 20, 60);
        double[] lake = ccw(30, 30, 10);
        Geometry g = assembler.assemble(new double[][] {big, bigHole, island, lake}, 2, 0);
        MultiPolygon mp = assertInstanceOf(MultiPolygon.class, g);
        assertEquals(2, mp.getNumGeometries());
        Polygon outer = (Polygon) mp.getGeometryN(0);
        Polygon inner = (Polygon) mp.getGeometryN(1);
        assertEquals(1, outer.getNumInteriorRing());
        assertEquals(10, outer.getInteriorRingN(0).getEnvelopeInternal().getMinX());
        assertEquals(1, inner.getNumInteriorRing());
        assertEquals(30, inner.getInteriorRingN(0).getEnvelopeInternal().getMinX());
    }

    @Test
    void orphanHoleBecomesAShellKeepingItsVertexOrder() throws Exception {
        assertAssembles("MULTIPOLYGON(((0 0,0 10,10 10,10 0,0 0)),((20 0,30 0,30 10,20 10,20 0)))", cw(0, 0, 10), ccw(20, 0, 10));
    }

    @Test
    void holeInsideTheEnvelopeButOutsideAConcaveShellIsAnOrphan() throws Exception {
        double[] ell = {0, 0, 0, 10, 5, 10, 5, 5, 10, 5, 10, 0, 0, 0};
        assertAssembles("MULTIPOLYGON(((0 0,0 10,5 10,5 5,10 5,10 0,0 0)),((6 6,8 6,8 8,6 8,6 6)))", ell, ccw(6, 6, 2));
    }

    @Test
    void holeTouchingItsShellFromInsideIsStillAHole() throws Exception {
        // The hole shares the shell's corner (0 0): that vertex is on the boundary, the next ones decide.
        assertAssembles("POLYGON((0 0,0 10,10 10,10 0,0 0),(0 0,4 0,4 4,0 0))", cw(0, 0, 10),
                new double[] {0, 0, 4, 0, 4, 4, 0, 0});
    }

    @Test
    void keepsZAndM() {
        double[] shell = {0, 0, 1, 5, 0, 10, 2, 6, 10, 10, 3, 7, 10, 0, 4, 8, 0, 0, 1, 5};
        double[] hole = {2, 2, 9, 1, 4, 2, 9, 2, 4, 4, 9, 3, 2, 2, 9, 1};
        Geometry g = assembler.assemble(new double[][] {shell, hole}, 4, 1);
        Polygon p = assertInstanceOf(Polygon.class, g);
        assertEquals(3.0, p.getExteriorRing().getCoordinateSequence().getZ(2));
        assertEquals(7.0, p.getExteriorRing().getCoordinateSequence().getM(2));
        assertEquals(9.0, p.getInteriorRingN(0).getCoordinateSequence().getZ(1));
    }
}
