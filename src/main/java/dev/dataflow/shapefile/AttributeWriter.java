package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes the DBF values of one record as CSV fields, shaped so PostgreSQL loads them into typed columns: text is
 * trimmed and blank becomes NULL (as GDAL reads it), numbers lose padding and trailing zeros so "1825.000" fits an
 * integer column, dates become ISO {@code YYYY-MM-DD} and logicals {@code true}/{@code false}.
 */
final class AttributeWriter {
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    private final String dbfName;
    private final DbfField[] fields;
    private final Charset charset;
    private final String charsetSource;
    /** Text that is pure ASCII can be copied byte for byte when the charset encodes ASCII as itself. */
    private final boolean asciiCompatible;
    private final CharsetDecoder decoder;
    private final CharBuffer chars;
    private final byte[] scratch;

    AttributeWriter(String dbfName, List<DbfField> fields, Charset charset, String charsetSource) {
        this.dbfName = dbfName;
        this.fields = fields.toArray(new DbfField[0]);
        this.charset = charset;
        this.charsetSource = charsetSource;
        this.asciiCompatible = encodesAsciiAsItself(charset);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int longest = 1;
        for (DbfField f : fields) {
            if ("CNFLD".indexOf(f.type()) < 0) {
                throw DataflowException.stepFailed(dbfName + ": field " + f.name() + " has DBF type '" + f.type()
                        + "', which is not supported (only C, N, F, L and D are)",
                        "drop the field or convert it to text before loading", null);
            }
            longest = Math.max(longest, f.length());
        }
        this.chars = CharBuffer.allocate(longest * 2);
        this.scratch = new byte[longest + 2];
    }

    void write(long record, byte[] b, int recordStart, CsvWriter out) throws IOException {
        for (DbfField f : fields) {
            int start = recordStart + f.offset();
            int end = start + f.length();
            switch (f.type()) {
                case 'C' -> text(record, f, b, start, end, out);
                case 'N', 'F' -> number(record, f, b, start, end, out);
                case 'D' -> date(record, f, b, start, end, out);
                default -> logical(record, f, b, start, end, out);
            }
        }
    }

    private void text(long record, DbfField f, byte[] b, int start, int end, CsvWriter out) throws IOException {
        // A NUL ends the value, as in readers that treat the field as a C string; PostgreSQL text cannot hold NUL.
        for (int i = start; i < end; i++) {
            if (b[i] == 0) {
                end = i;
                break;
            }
        }
        while (start < end && b[start] == ' ') {
            start++;
        }
        while (end > start && b[end - 1] == ' ') {
            end--;
        }
        if (start == end) {
            out.nullField();
            return;
        }
        boolean ascii = asciiCompatible;
        for (int i = start; i < end && ascii; i++) {
            ascii = b[i] >= 0;
        }
        if (ascii) {
            out.textField(b, start, end - start);
            return;
        }
        decoder.reset();
        chars.clear();
        ByteBuffer bytes = ByteBuffer.wrap(b, start, end - start);
        try {
            var result = decoder.decode(bytes, chars, true);
            if (result.isError()) {
                result.throwException();
            }
            result = decoder.flush(chars);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw DataflowException.stepFailed(where(record, f) + "the text is not valid " + charset.name()
                    + " (charset " + charsetSource + ")", "set the charset option to the file's real encoding", e);
        }
        chars.flip();
        out.textField(chars);
    }

    private void number(long record, DbfField f, byte[] b, int start, int end, CsvWriter out) throws IOException {
        while (start < end && (b[start] == ' ' || b[start] == 0)) {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        // Empty, or all asterisks (how dBASE writers mark a number too wide for its field): no value.
        if (only(b, start, end, '*')) {
            out.nullField();
            return;
        }
        int n = plainNumber(b, start, end, scratch);
        if (n > 0) {
            out.plainField(scratch, 0, n);
            return;
        }
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        try {
            byte[] plain = new BigDecimal(text).stripTrailingZeros().toPlainString().getBytes(StandardCharsets.US_ASCII);
            out.plainField(plain, 0, plain.length);
        } catch (NumberFormatException e) {
            throw DataflowException.stepFailed(where(record, f) + "\"" + text + "\" is not a number",
                    "fix the value in the source data", e);
        }
    }

    /**
     * Normalises {@code [-+]digits[.digits]} into {@code to} without leading and trailing zeros; returns its length,
     * or 0 when the text has another shape (an exponent, stray characters) and needs the slow path.
     */
    static int plainNumber(byte[] b, int start, int end, byte[] to) {
        int i = start;
        int n = 0;
        if (b[i] == '-' || b[i] == '+') {
            if (b[i] == '-') {
                to[n++] = '-';
            }
            i++;
        }
        int intStart = i;
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intEnd = i;
        int fracStart = i;
        int fracEnd = i;
        if (i < end && b[i] == '.') {
            fracStart = ++i;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            fracEnd = i;
        }
        if (i != end || (intEnd == intStart && fracEnd == fracStart)) {
            return 0;
        }
        while (intStart < intEnd - 1 && b[intStart] == '0') {
            intStart++;
        }
        if (intStart == intEnd) {
            to[n++] = '0';
        }
        for (int k = intStart; k < intEnd; k++) {
            to[n++] = b[k];
        }
        while (fracEnd > fracStart && b[fracEnd - 1] == '0') {
            fracEnd--;
        }
        if (fracEnd > fracStart) {
            to[n++] = '.';
            for (int k = fracStart; k < fracEnd; k++) {
                to[n++] = b[k];
            }
        }
        return n;
    }

    private void date(long record, DbfField f, byte[] b, int start, int end, CsvWriter out) throws IOException {
        while (start < end && b[start] == ' ') {
            start++;
        }
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        // Blank, or all zeros (what several writers store for "no date"): no value.
        if (only(b, start, end, '0')) {
            out.nullField();
            return;
        }
        boolean digits = end - start == 8;
        for (int i = start; i < end && digits; i++) {
            digits = b[i] >= '0' && b[i] <= '9';
        }
        String text = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        if (digits) {
            try {
                LocalDate.of(Integer.parseInt(text, 0, 4, 10), Integer.parseInt(text, 4, 6, 10),
                        Integer.parseInt(text, 6, 8, 10));
                byte[] d = scratch;
                System.arraycopy(b, start, d, 0, 4);
                d[4] = '-';
                System.arraycopy(b, start + 4, d, 5, 2);
                d[7] = '-';
                System.arraycopy(b, start + 6, d, 8, 2);
                out.plainField(d, 0, 10);
                return;
            } catch (DateTimeException e) {
                // falls through to the error below
            }
        }
        throw DataflowException.stepFailed(where(record, f) + "\"" + text + "\" is not a date (YYYYMMDD)",
                "fix the value in the source data", null);
    }

    private void logical(long record, DbfField f, byte[] b, int start, int end, CsvWriter out) throws IOException {
        while (start < end && (b[start] == ' ' || b[start] == 0)) {
            start++;
        }
        if (start == end) {
            out.nullField();
            return;
        }
        switch (b[start]) {
            case 'T', 't', 'Y', 'y' -> out.plainField(TRUE, 0, TRUE.length);
            case 'F', 'f', 'N', 'n' -> out.plainField(FALSE, 0, FALSE.length);
            case '?' -> out.nullField();
            default -> throw DataflowException.stepFailed(where(record, f) + "\"" + (char) (b[start] & 0xff)
                    + "\" is not a logical value (T, F, Y, N or ?)", "fix the value in the source data", null);
        }
    }

    private String where(long record, DbfField f) {
        return dbfName + ": record " + record + ", field " + f.name() + ": ";
    }

    private static boolean encodesAsciiAsItself(Charset charset) {
        if (!charset.canEncode()) {
            return false;
        }
        byte[] ascii = new byte[128];
        for (int i = 0; i < 128; i++) {
            ascii[i] = (byte) i;
        }
        String decoded = new String(ascii, charset);
        if (decoded.length() != 128) {
            return false;
        }
        for (int i = 0; i < 128; i++) {
            if (decoded.charAt(i) != i) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code b[start, end)} holds nothing but {@code c}, or nothing at all. */
    private static boolean only(byte[] b, int start, int end, char c) {
        for (int i = start; i < end; i++) {
            if (b[i] != c) {
                return false;
            }
        }
        return true;
    }
}
