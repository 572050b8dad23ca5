package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the records of a .shp file in order, one at a time, into JTS geometries (ESRI Shapefile Technical
 * Description, 1998): the file and record headers here, each record's content by a {@link ShapeDecoder}. When the .shx index is given it is read in step, so gaps between records are skipped the way
 * index-driven readers such as GDAL see them.
 */
final class ShpReader implements AutoCloseable {
    static final int NULL = 0;
    static final int POINT = 1;
    static final int POLYLINE = 3;
    static final int POLYGON = 5;
    static final int MULTIPOINT = 8;
    static final int MULTIPATCH = 31;

    private final String name;
    private final long size;
    private final ByteInput shp;
    private final ByteInput shx;
    private final ShapeDecoder decoder;
    private final int shapeType;
    private final long declaredLength;

    private long record;
    private Geometry geometry;

    /**
     * Reads the header; both streams are closed if that fails, and by {@link #close()} otherwise.
     *
     * @param size the real size of the .shp in bytes, used to reject lengths that point past the end before
     *             allocating for them
     */
    static ShpReader open(String name, InputStream shpStream, long size, InputStream shxStream, GeometryFactory factory)
            throws IOException {
        try {
            return new ShpReader(name, shpStream, size, shxStream, factory);
        } catch (IOException | RuntimeException e) {
            shpStream.close();
            if (shxStream != null) {
                shxStream.close();
            }
            throw e;
        }
    }

    private ShpReader(String name, InputStream shpStream, long size, InputStream shxStream, GeometryFactory factory)
            throws IOException {
        this.name = name;
        this.size = size;
        this.shp = new ByteInput(shpStream, ByteInput.DEFAULT_CAPACITY);
        this.shx = shxStream == null ? null : new ByteInput(shxStream, 64 * 1024);
        this.decoder = new ShapeDecoder(factory);
        if (!shp.ensure(100)) {
            throw corrupt(name + ": only " + shp.available() + " bytes, shorter than the 100-byte shapefile header");
        }
        int at = shp.offset();
        if (shp.bigEndianInt(at) != 9994) {
            throw corrupt(name + ": not a shapefile (file code " + shp.bigEndianInt(at) + ", expected 9994)");
        }
        declaredLength = (shp.bigEndianInt(at + 24) & 0xffffffffL) * 2;
        shapeType = shp.view().getInt(at + 32);
        if (shapeType == MULTIPATCH) {
            throw ShapeDecoder.unsupported(name + ": MultiPatch shapes (type 31) are not supported");
        }
        if (!ShapeDecoder.knownType(shapeType)) {
            throw corrupt(name + ": unknown shape type " + shapeType + " in the header");
        }
        shp.advance(100);
        if (shx != null && !shx.skip(100)) {
            throw corrupt(name.replaceFirst("(?i)\\.shp$", ".shx") + ": shorter than the 100-byte header");
        }
    }

    /** The shape type declared in the file header (records may also be Null). */
    int shapeType() {
        return shapeType;
    }

    /** 1-based number of the current record. */
    long recordNumber() {
        return record;
    }

    /** The current record's geometry, or null for a Null shape. */
    Geometry geometry() {
        return geometry;
    }

    boolean hasZ() {
        return decoder.hasZ();
    }

    boolean hasM() {
        return decoder.hasM();
    }

    /** Reads the next record; false after the last one. */
    boolean next() throws IOException {
        long pos = shp.position();
        if (shx != null) {
            if (!shx.ensure(8)) {
                return false;
            }
            long offset = (shx.bigEndianInt(shx.offset()) & 0xffffffffL) * 2;
            shx.advance(8);
            record++;
            if (offset < pos) {
                throw corrupt(where() + "the .shx index puts it at byte " + offset
                        + ", before the end of the previous record (byte " + pos + ")");
            }
            if (offset > pos && !shp.skip(offset - pos)) {
                throw corrupt(where() + "the .shx index puts it at byte " + offset + ", past the end of the file");
            }
            pos = offset;
        } else {
            if (pos >= declaredLength || !shp.ensure(1)) {
                if (pos < declaredLength) {
                    throw corrupt(name + ": the file ends at byte " + pos + " but its header says " + declaredLength
                            + " bytes");
                }
                return false;
            }
            record++;
        }
        if (!shp.ensure(8)) {
            throw corrupt(where() + "record header runs past end of file");
        }
        long contentLength = (long) shp.bigEndianInt(shp.offset() + 4) * 2;
        if (contentLength < 4) {
            throw corrupt(where() + "content length " + contentLength + " is too small");
        }
        if (size >= 0 && pos + 8 + contentLength > size) {
            throw corrupt(where() + "content length " + contentLength + " runs past end of file");
        }
        shp.advance(8);
        if (contentLength > Integer.MAX_VALUE - 16 || !shp.ensure((int) contentLength)) {
            throw corrupt(where() + "content length " + contentLength + " runs past end of file");
        }
        geometry = decoder.decode(shp.view(), shp.offset(), (int) contentLength, name, record);
        shp.advance((int) contentLength);
        return true;
    }

    private String where() {
        return name + ": record " + record + ": ";
    }

    private static DataflowException corrupt(String message) {
        return ShapeDecoder.corrupt(message);
    }

    @Override
    public void close() throws IOException {
        try {
            shp.close();
        } finally {
            if (shx != null) {
                shx.close();
            }
        }
    }
}
