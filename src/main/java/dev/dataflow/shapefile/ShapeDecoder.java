package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.impl.PackedCoordinateSequence;

import java.nio.ByteBuffer;

/**
 * Decodes the content of one .shp record (ESRI Shapefile Technical Description, 1998) into a JTS geometry: points,
 * multipoints, polylines and polygons, with Z and M when the record holds them. {@link ShpReader} finds the records;
 * this class only reads what is inside one, and rejects a record too short for what it declares.
 */
final class ShapeDecoder {
    /** Measures below this are the format's "no data" marker. */
    private static final double NO_DATA_LIMIT = -1e38;
    static final String CORRUPT_HINT = "the file is damaged or was cut short; export or download it again";

    private final GeometryFactory factory;
    private final RingAssembler rings;

    private String name;
    private long record;
    private boolean hasZ;
    private boolean hasM;

    ShapeDecoder(GeometryFactory factory) {
        this.factory = factory;
        this.rings = new RingAssembler(factory);
    }

    /** Whether the last decoded geometry has Z values. */
    boolean hasZ() {
        return hasZ;
    }

    /** Whether the last decoded geometry has measures (a record whose measures are all "no data" has none). */
    boolean hasM() {
        return hasM;
    }

    /**
     * Decodes the content of record {@code record} of {@code name}: {@code length} bytes from {@code at} in {@code b}.
     */
    Geometry decode(ByteBuffer b, int at, int length, String name, long record) {
        this.name = name;
        this.record = record;
        int type = b.getInt(at);
        hasZ = false;
        hasM = false;
        if (type == ShpReader.NULL) {
            return null;
        }
        if (type == ShpReader.MULTIPATCH) {
            throw unsupported(where() + "MultiPatch shapes (type 31) are not supported");
        }
        if (!knownType(type)) {
            throw corrupt(where() + "unknown shape type " + type);
        }
        int base = type % 10;
        boolean z = type / 10 == 1;
        boolean m = type / 10 == 2;
        if (base == ShpReader.POINT) {
            return readPoint(b, at, length, z, m);
        } else if (base == ShpReader.MULTIPOINT) {
            return readMultiPoint(b, at, length, z, m);
        } else {
            return readParts(b, at, length, z, m, base == ShpReader.POLYGON);
        }
    }

    private Geometry readPoint(ByteBuffer b, int at, int length, boolean z, boolean m) {
        int need = 20 + (z ? 8 : 0);
        if (length < need) {
            throw corrupt(where() + "a point needs " + need + " bytes but content length is " + length);
        }
        hasZ = z;
        // M is optional in Z and M types: present only if the record is long enough to hold it, and only worth
        // writing if it is not the no-data marker.
        hasM = length >= need + 8 && (z || m) && b.getDouble(at + need) >= NO_DATA_LIMIT;
        double[] c = new double[2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0)];
        c[0] = b.getDouble(at + 4);
        c[1] = b.getDouble(at + 12);
        if (hasZ) {
            c[2] = b.getDouble(at + 20);
        }
        if (hasM) {
            c[c.length - 1] = measure(b.getDouble(at + need));
        }
        return factory.createPoint(new PackedCoordinateSequence.Double(c, c.length, hasM ? 1 : 0));
    }

    private Geometry readMultiPoint(ByteBuffer b, int at, int length, boolean z, boolean m) {
        if (length < 40) {
            throw corrupt(where() + "a multipoint needs at least 40 bytes but content length is " + length);
        }
        int n = b.getInt(at + 36);
        long xyEnd = 40 + 16L * n;
        int[] layout = layout(b, at, n, 0, xyEnd, length, z, m);
        int dim = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        Point[] points = new Point[n];
        for (int i = 0; i < n; i++) {
            double[] c = new double[dim];
            fill(b, at, layout, c, 0, i, 1, dim);
            points[i] = factory.createPoint(new PackedCoordinateSequence.Double(c, dim, hasM ? 1 : 0));
        }
        return factory.createMultiPoint(points);
    }

    private Geometry readParts(ByteBuffer b, int at, int length, boolean z, boolean m, boolean polygon) {
        if (length < 44) {
            throw corrupt(where() + "a " + (polygon ? "polygon" : "polyline") + " needs at least 44 bytes but content length is "
                    + length);
        }
        int parts = b.getInt(at + 36);
        int n = b.getInt(at + 40);
        if (parts < 0) {
            throw corrupt(where() + "negative part count " + parts);
        }
        long xyStart = 44 + 4L * parts;
        int[] layout = layout(b, at, n, parts, xyStart + 16L * n, length, z, m);
        int dim = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        int measures = hasM ? 1 : 0;
        if (parts == 0) {
            return polygon ? factory.createPolygon() : factory.createLineString();
        }
        double[][] coords = new double[parts][];
        for (int p = 0; p < parts; p++) {
            int first = b.getInt(at + 44 + 4 * p);
            int last = p + 1 < parts ? b.getInt(at + 44 + 4 * (p + 1)) : n;
            if (first < 0 || last > n || first >= last) {
                throw corrupt(where() + "part " + (p + 1) + " spans points " + first + ".." + last + ", outside 0.." + n
                        + " or empty");
            }
            int count = last - first;
            boolean close = false;
            if (polygon) {
                int xyFirst = at + (int) xyStart + 16 * first;
                int xyLast = at + (int) xyStart + 16 * (last - 1);
                // JTS and PostGIS both reject unclosed rings; closing one keeps the feature instead of failing it.
                close = b.getDouble(xyFirst) != b.getDouble(xyLast) || b.getDouble(xyFirst + 8) != b.getDouble(xyLast + 8);
                if (count + (close ? 1 : 0) < 4) {
                    throw corrupt(where() + "ring " + (p + 1) + " has " + count + " points; a polygon ring needs at least 4");
                }
            } else if (count < 2) {
                throw corrupt(where() + "line part " + (p + 1) + " has " + count + " point; a line needs at least 2");
            }
            double[] c = new double[(count + (close ? 1 : 0)) * dim];
            fill(b, at, layout, c, 0, first, count, dim);
            if (close) {
                System.arraycopy(c, 0, c, count * dim, dim);
            }
            coords[p] = c;
        }
        if (polygon) {
            return rings.assemble(coords, dim, measures);
        } else if (parts == 1) {
            return factory.createLineString(new PackedCoordinateSequence.Double(coords[0], dim, measures));
        }
        LineString[] lines = new LineString[parts];
        for (int p = 0; p < parts; p++) {
            lines[p] = factory.createLineString(new PackedCoordinateSequence.Double(coords[p], dim, measures));
        }
        return factory.createMultiLineString(lines);
    }

    /**
     * Checks the record is long enough and sets hasZ/hasM; returns the byte offsets (from the record start) of the XY,
     * Z and M arrays (-1 when absent).
     */
    private int[] layout(ByteBuffer b, int at, int n, int parts, long xyEnd, int length, boolean z, boolean m) {
        if (n < 0 || xyEnd > length) {
            throw corrupt(where() + parts + " parts and " + n + " points need " + Math.max(xyEnd, 0)
                    + " bytes but content length is " + length);
        }
        long xyStart = xyEnd - 16L * n;
        long zStart = -1;
        long mStart = -1;
        long end = xyEnd;
        if (z) {
            if (end + 16 + 8L * n > length) {
                throw corrupt(where() + n + " points with Z need " + (end + 16 + 8L * n)
                        + " bytes but content length is " + length);
            }
            zStart = end + 16;
            end = zStart + 8L * n;
        }
        // M is optional in Z and M types: present only if the record is long enough to hold it. A record whose
        // measures are all "no data" is written without M, as GDAL reads it, rather than forcing an M dimension
        // full of NaN onto data that has no measures.
        if ((z || m) && end + 16 + 8L * n <= length && anyMeasure(b, at, (int) (end + 16), n)) {
            mStart = end + 16;
        }
        hasZ = z;
        hasM = mStart >= 0;
        return new int[] {(int) xyStart, (int) zStart, (int) mStart};
    }

    private boolean anyMeasure(ByteBuffer b, int at, int mStart, int n) {
        for (int i = 0, k = at + mStart; i < n; i++, k += 8) {
            if (b.getDouble(k) >= NO_DATA_LIMIT) {
                return true;
            }
        }
        return false;
    }

    /** Copies points [first, first+count) into c (interleaved, dim values each) starting at slot {@code to}. */
    private static void fill(ByteBuffer b, int at, int[] layout, double[] c, int to, int first, int count, int dim) {
        int xy = at + layout[0] + 16 * first;
        int k = to;
        for (int i = 0; i < count; i++, xy += 16, k += dim) {
            c[k] = b.getDouble(xy);
            c[k + 1] = b.getDouble(xy + 8);
        }
        int slot = 2;
        if (layout[1] >= 0) {
            int zs = at + layout[1] + 8 * first;
            k = to + slot;
            for (int i = 0; i < count; i++, zs += 8, k += dim) {
                c[k] = b.getDouble(zs);
            }
            slot++;
        }
        if (layout[2] >= 0) {
            int ms = at + layout[2] + 8 * first;
            k = to + slot;
            for (int i = 0; i < count; i++, ms += 8, k += dim) {
                c[k] = measure(b.getDouble(ms));
            }
        }
    }

    private static double measure(double m) {
        return m < NO_DATA_LIMIT ? Double.NaN : m;
    }

    static boolean knownType(int type) {
        return switch (type) {
            case 0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28 -> true;
            default -> false;
        };
    }

    private String where() {
        return name + ": record " + record + ": ";
    }

    static DataflowException corrupt(String message) {
        return DataflowException.stepFailed(message, CORRUPT_HINT, null);
    }

    static DataflowException unsupported(String message) {
        return DataflowException.stepFailed(message, "export the layer as polygons (e.g. with ogr2ogr) first", null);
    }
}
