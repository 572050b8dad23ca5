package dev.dataflow.shapefile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small shapefiles byte by byte for tests, including shapes real writers never produce (holes listed before
 * their shell, orphan holes, missing M blocks, deleted rows), so the reader can be checked on them.
 */
final class ShpFixture {
    /** One record: its shape type and the content after the type. */
    record Shape(int type, byte[] body) {
    }

    record Field(String name, char type, int length, int decimals) {
    }

    private final int shapeType;
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<Boolean> deleted = new ArrayList<>();
    private Charset charset = StandardCharsets.UTF_8;
    private int languageDriver;
    private String prj = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
            + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private String cpg;

    ShpFixture(int shapeType) {
        this.shapeType = shapeType;
    }

    ShpFixture field(String name, char type, int length, int decimals) {
        fields.add(new Field(name, type, length, decimals));
        return this;
    }

    /** Adds a record with its DBF values (raw text, padded by the writer). */
    ShpFixture add(Shape shape, String... values) {
        shapes.add(shape);
        rows.add(values);
        deleted.add(false);
        return this;
    }

    ShpFixture addDeleted(Shape shape, String... values) {
        add(shape, values);
        deleted.set(deleted.size() - 1, true);
        return this;
    }

    ShpFixture charset(Charset value, int ldid) {
        charset = value;
        languageDriver = ldid;
        return this;
    }

    ShpFixture prj(String value) {
        prj = value;
        return this;
    }

    ShpFixture cpg(String value) {
        cpg = value;
        return this;
    }

    static Shape nullShape() {
        return new Shape(0, new byte[0]);
    }

    static Shape point(double x, double y) {
        return new Shape(1, le(16).putDouble(x).putDouble(y).array());
    }

    static Shape pointZ(double x, double y, double z, Double m) {
        ByteBuffer b = le(m == null ? 24 : 32).putDouble(x).putDouble(y).putDouble(z);
        if (m != null) {
            b.putDouble(m);
        }
        return new Shape(11, b.array());
    }

    /** A Polygon (5) or PolyLine (3) record from XY parts. */
    static Shape parts(int type, double[]... parts) {
        return partsZM(type, parts, null, null);
    }

    /**
     * A record with parts in XY plus optional Z and M arrays per part (same lengths); the Z or M block is written
     * only when given, so a Z type without M gets no M block.
     */
    static Shape partsZM(int type, double[][] parts, double[][] z, double[][] m) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length / 2;
        }
        int size = 32 + 8 + 4 * parts.length + 16 * n + (z != null ? 16 + 8 * n : 0) + (m != null ? 16 + 8 * n : 0);
        ByteBuffer b = le(size);
        bbox(b, parts);
        b.putInt(parts.length).putInt(n);
        int start = 0;
        for (double[] p : parts) {
            b.putInt(start);
            start += p.length / 2;
        }
        for (double[] p : parts) {
            for (double v : p) {
                b.putDouble(v);
            }
        }
        for (double[][] extra : new double[][][] {z, m}) {
            if (extra != null) {
                b.putDouble(0).putDouble(0);
                for (double[] e : extra) {
                    for (double v : e) {
                        b.putDouble(v);
                    }
                }
            }
        }
        return new Shape(type, b.array());
    }

    static Shape multiPoint(double... xy) {
        ByteBuffer b = le(36 + 8 * xy.length);
        bbox(b, new double[][] {xy});
        b.putInt(xy.length / 2);
        for (double v : xy) {
            b.putDouble(v);
        }
        return new Shape(8, b.array());
    }

    /** Writes name.shp, .shx, .dbf, .prj (unless null) and .cpg (if set) into dir; returns the .shp path. */
    Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path shp = dir.resolve(name + ".shp");
        Files.write(shp, shp());
        Files.write(dir.resolve(name + ".shx"), shx());
        Files.write(dir.resolve(name + ".dbf"), dbf());
        if (prj != null) {
            Files.writeString(dir.resolve(name + ".prj"), prj);
        }
        if (cpg != null) {
            Files.writeString(dir.resolve(name + ".cpg"), cpg);
        }
        return shp;
    }

    byte[] shp() {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        int number = 1;
        for (Shape s : shapes) {
            byte[] content = le(4 + s.body.length).putInt(s.type).put(s.body).array();
            records.writeBytes(be(8).putInt(number++).putInt(content.length / 2).array());
            records.writeBytes(content);
        }
        byte[] body = records.toByteArray();
        return concat(header(100 + body.length), body);
    }

    byte[] shx() {
        ByteBuffer index = be(8 * shapes.size());
        int offset = 100;
        for (Shape s : shapes) {
            int content = 4 + s.body.length;
            index.putInt(offset / 2).putInt(content / 2);
            offset += 8 + content;
        }
        return concat(header(100 + index.capacity()), index.array());
    }

    byte[] dbf() {
        int recordLength = 1;
        for (Field f : fields) {
            recordLength += f.length;
        }
        int headerLength = 32 + 32 * fields.size() + 1;
        ByteBuffer b = le(headerLength + recordLength * rows.size() + 1);
        b.put((byte) 3).put((byte) 124).put((byte) 1).put((byte) 1).putInt(rows.size())
                .putShort((short) headerLength).putShort((short) recordLength);
        b.position(29);
        b.put((byte) languageDriver);
        b.position(32);
        for (Field f : fields) {
            byte[] name = f.name.getBytes(StandardCharsets.US_ASCII);
            int at = b.position();
            b.put(name);
            b.position(at + 11);
            b.put((byte) f.type);
            b.position(at + 16);
            b.put((byte) f.length).put((byte) f.decimals);
            b.position(at + 32);
        }
        b.put((byte) 0x0d);
        for (int r = 0; r < rows.size(); r++) {
            b.put((byte) (deleted.get(r) ? '*' : ' '));
            for (int i = 0; i < fields.size(); i++) {
                Field f = fields.get(i);
                byte[] v = rows.get(r)[i].getBytes(charset);
                byte[] cell = new byte[f.length];
                java.util.Arrays.fill(cell, (byte) ' ');
                // Numbers are right-aligned, text left-aligned, as dBASE writers do.
                int at = f.type == 'N' || f.type == 'F' ? f.length - v.length : 0;
                System.arraycopy(v, 0, cell, at, v.length);
                b.put(cell);
            }
        }
        b.put((byte) 0x1a);
        return b.array();
    }

    private byte[] header(int fileLength) {
        ByteBuffer h = be(100).putInt(9994);
        h.position(24);
        h.putInt(fileLength / 2);
        h.order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(shapeType);
        return h.array();
    }

    private static void bbox(ByteBuffer b, double[][] parts) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : parts) {
            for (int i = 0; i < p.length; i += 2) {
                minX = Math.min(minX, p[i]);
                maxX = Math.max(maxX, p[i]);
                minY = Math.min(minY, p[i + 1]);
                maxY = Math.max(maxY, p[i + 1]);
            }
        }
        b.putDouble(minX).putDouble(minY).putDouble(maxX).putDouble(maxY);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer be(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
