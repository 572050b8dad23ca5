package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dBASE III table record by record, deleted ones included and flagged, so the caller can keep records
 * paired with the .shp by position. (javadbf hides deleted records without saying which, which would shift every
 * later attribute row onto the wrong shape.)
 */
final class DbfReader implements AutoCloseable {
    private static final String CORRUPT_HINT = "the file is damaged or was cut short; export or download it again";

    private final String name;
    private final ByteInput in;
    private final long recordCount;
    private final int recordLength;
    private final int languageDriver;
    private final List<byte[]> rawNames = new ArrayList<>();
    private final List<DbfField> layout = new ArrayList<>();
    private long record;
    private int recordOffset = -1;

    /** Reads the header; the stream is closed if that fails, and by {@link #close()} otherwise. */
    static DbfReader open(String name, InputStream stream) throws IOException {
        try {
            return new DbfReader(name, stream);
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private DbfReader(String name, InputStream stream) throws IOException {
        this.name = name;
        this.in = new ByteInput(stream, ByteInput.DEFAULT_CAPACITY);
        if (!in.ensure(32)) {
            throw corrupt(name + ": only " + in.available() + " bytes, shorter than the 32-byte DBF header");
        }
        byte[] b = in.array();
        int at = in.offset();
        recordCount = in.view().getInt(at + 4) & 0xffffffffL;
        int headerLength = in.view().getShort(at + 8) & 0xffff;
        recordLength = in.view().getShort(at + 10) & 0xffff;
        languageDriver = b[at + 29] & 0xff;
        if (headerLength < 33 || recordLength < 1) {
            throw corrupt(name + ": bad DBF header (header length " + headerLength + ", record length " + recordLength + ")");
        }
        if (!in.ensure(headerLength)) {
            throw corrupt(name + ": the file ends inside its " + headerLength + "-byte header");
        }
        b = in.array();
        at = in.offset();
        int fieldOffset = 1;
        for (int d = at + 32; d + 32 <= at + headerLength && b[d] != 0x0d; d += 32) {
            int nameLength = 0;
            while (nameLength < 11 && b[d + nameLength] != 0) {
                nameLength++;
            }
            byte[] raw = new byte[nameLength];
            System.arraycopy(b, d, raw, 0, nameLength);
            char type = (char) (b[d + 11] & 0xff);
            int length = b[d + 16] & 0xff;
            int decimals = b[d + 17] & 0xff;
            if (type == 'C') {
                // Character fields longer than 255 keep the high byte of their length in the decimals byte.
                length += decimals << 8;
                decimals = 0;
            }
            rawNames.add(raw);
            layout.add(new DbfField(null, type, fieldOffset, length, decimals));
            fieldOffset += length;
        }
        if (fieldOffset > recordLength) {
            throw corrupt(name + ": the fields take " + fieldOffset + " bytes but a record is " + recordLength + " bytes");
        }
        in.advance(headerLength);
    }

    /** The fields with their names decoded in {@code charset}. */
    List<DbfField> fields(Charset charset) {
        List<DbfField> fields = new ArrayList<>(layout.size());
        for (int i = 0; i < layout.size(); i++) {
            DbfField f = layout.get(i);
            String fieldName = new String(rawNames.get(i), charset).strip();
            fields.add(new DbfField(fieldName, f.type(), f.offset(), f.length(), f.decimals()));
        }
        return fields;
    }

    long recordCount() {
        return recordCount;
    }

    /** The language driver id (byte 29), 0 when unset. */
    int languageDriver() {
        return languageDriver;
    }

    /** Reads the next record; false after the last one the header counts. */
    boolean next() throws IOException {
        if (recordOffset >= 0) {
            in.advance(recordLength);
            recordOffset = -1;
        }
        if (record == recordCount) {
            return false;
        }
        record++;
        if (!in.ensure(recordLength)) {
            throw corrupt(name + ": record " + record + ": the file ends early (its header says " + recordCount
                    + " records)");
        }
        recordOffset = in.offset();
        return true;
    }

    /** Bytes per record, the deletion flag included. */
    int recordLength() {
        return recordLength;
    }

    /** 1-based number of the current record. */
    long recordNumber() {
        return record;
    }

    boolean deleted() {
        return in.array()[recordOffset] == '*';
    }

    /** The array holding the current record, which starts at {@link #recordOffset()}. */
    byte[] array() {
        return in.array();
    }

    int recordOffset() {
        return recordOffset;
    }

    private static DataflowException corrupt(String message) {
        return DataflowException.stepFailed(message, CORRUPT_HINT, null);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
