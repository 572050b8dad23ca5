package dev.dataflow.shapefile;

import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rings of one shapefile polygon record into a Polygon or MultiPolygon. The format marks shells by
 * clockwise order and holes by counter-clockwise order but does not say which shell a hole belongs to, so each hole
 * goes to the smallest shell that contains it; a hole inside no shell is kept as a shell of its own rather than
 * dropped. Vertex order is never changed.
 */
final class RingAssembler {
    private final GeometryFactory factory;

    RingAssembler(GeometryFactory factory) {
        this.factory = factory;
    }

    /** @param rings closed rings, each interleaved with {@code dim} values per point */
    Geometry assemble(double[][] rings, int dim, int measures) {
        if (rings.length == 1) {
            return factory.createPolygon(ring(rings[0], dim, measures));
        }
        int n = rings.length;
        double[] area = new double[n];
        boolean anyHole = false;
        for (int i = 0; i < n; i++) {
            area[i] = signedArea(rings[i], dim);
            anyHole |= area[i] > 0;
        }
        LinearRing[] linear = new LinearRing[n];
        for (int i = 0; i < n; i++) {
            linear[i] = ring(rings[i], dim, measures);
        }
        if (!anyHole) {
            return multi(linear, null, n);
        }
        // owner[i]: the shell ring that hole i belongs to; -1 for shells (including orphan holes).
        int[] owner = new int[n];
        double[][] box = new double[n][];
        for (int i = 0; i < n; i++) {
            owner[i] = -1;
            box[i] = envelope(rings[i], dim);
        }
        for (int h = 0; h < n; h++) {
            if (area[h] <= 0) {
                continue;
            }
            int best = -1;
            for (int s = 0; s < n; s++) {
                if (area[s] > 0 || !covers(box[s], box[h])) {
                    continue;
                }
                if ((best < 0 || -area[s] < -area[best]) && contains(linear[s], rings[h], dim)) {
                    best = s;
                }
            }
            owner[h] = best;
        }
        return multi(linear, owner, n);
    }

    private Geometry multi(LinearRing[] linear, int[] owner, int n) {
        List<Polygon> polygons = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            if (owner != null && owner[s] >= 0) {
                continue;
            }
            int holes = 0;
            if (owner != null) {
                for (int h = 0; h < n; h++) {
                    holes += owner[h] == s ? 1 : 0;
                }
            }
            LinearRing[] inner = new LinearRing[holes];
            for (int h = 0, k = 0; k < holes; h++) {
                if (owner[h] == s) {
                    inner[k++] = linear[h];
                }
            }
            polygons.add(factory.createPolygon(linear[s], inner));
        }
        if (polygons.size() == 1) {
            return polygons.get(0);
        }
        return factory.createMultiPolygon(polygons.toArray(new Polygon[0]));
    }

    private LinearRing ring(double[] c, int dim, int measures) {
        return factory.createLinearRing(new PackedCoordinateSequence.Double(c, dim, measures));
    }

    /**
     * Shoelace area: positive for counter-clockwise rings (holes in a shapefile), negative for clockwise (shells).
     * Coordinates are taken relative to the first vertex so large projected values keep their precision.
     */
    static double signedArea(double[] c, int dim) {
        int points = c.length / dim;
        double x0 = c[0];
        double y0 = c[1];
        double sum = 0;
        for (int i = 1, k = dim; i < points - 1; i++, k += dim) {
            double x1 = c[k] - x0;
            double y1 = c[k + 1] - y0;
            double x2 = c[k + dim] - x0;
            double y2 = c[k + dim + 1] - y0;
            sum += x1 * y2 - x2 * y1;
        }
        return sum / 2;
    }

    private static double[] envelope(double[] c, int dim) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < c.length; k += dim) {
            minX = Math.min(minX, c[k]);
            maxX = Math.max(maxX, c[k]);
            minY = Math.min(minY, c[k + 1]);
            maxY = Math.max(maxY, c[k + 1]);
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    private static boolean covers(double[] outer, double[] inner) {
        return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
    }

    /**
     * True when the hole lies inside the shell: decided by the first hole vertex not on the shell's boundary; a hole
     * that touches the shell at every vertex counts as inside, since its envelope already fits.
     */
    private static boolean contains(LinearRing shell, double[] hole, int dim) {
        Coordinate p = new Coordinate();
        for (int k = 0; k < hole.length; k += dim) {
            p.x = hole[k];
            p.y = hole[k + 1];
            int location = RayCrossingCounter.locatePointInRing(p, shell.getCoordinateSequence());
            if (location != Location.BOUNDARY) {
                return location == Location.INTERIOR;
            }
        }
        return true;
    }
}
