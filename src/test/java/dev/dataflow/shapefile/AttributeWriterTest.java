package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttributeWriterTest {
    /** Writes one single-field record whose field holds {@code raw} (already padded as the DBF holds it). */
    private static String one(char type, int decimals, byte[] raw, Charset charset) throws IOException {
        DbfField f = new DbfField("value", type, 1, raw.length, decimals);
        byte[] record = new byte[raw.length + 1];
        record[0] = ' ';
        System.arraycopy(raw, 0, record, 1, raw.length);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter csv = new CsvWriter(bytes, 256);
        new AttributeWriter("t.dbf", List.of(f), charset, "for the test").write(7, record, 0, csv);
        csv.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String one(char type, String raw) throws IOException {
        return one(type, 0, raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void textIsTrimmedAndBlankIsNull() throws IOException {
        assertEquals("abc", one('C', "abc       "));
        assertEquals("a b", one('C', "  a b  "));
        assertEquals("", one('C', "          "));
        assertEquals("\"\"\"q\"\"\"", one('C', "\"q\"   "));
        // A NUL ends the value (some writers pad with NULs).
        assertEquals("ab", one('C', "ab\0\0xyz"));
        assertEquals("", one('C', "\0\0\0"));
    }

    @Test
    void textIsDecodedInTheChosenCharset() throws IOException {
        byte[] cafe = "Café      ".getBytes(Charset.forName("windows-1252"));
        assertEquals("Café", one('C', 0, cafe, Charset.forName("windows-1252")));
        byte[] utf8 = "Zürich  ".getBytes(StandardCharsets.UTF_8);
        assertEquals("Zürich", one('C', 0, utf8, StandardCharsets.UTF_8));
        // EBCDIC does not encode ASCII as itself (0x4B is "." there, "K" in ASCII), so ASCII-range bytes must be decoded.
        assertEquals(".", one('C', 0, new byte[] {0x4B}, Charset.forName("IBM037")));
    }

    @Test
    void textThatIsNotValidInTheCharsetIsAnErrorNamingRecordAndField() {
        byte[] latin1 = "Café".getBytes(StandardCharsets.ISO_8859_1);
        DataflowException e = assertThrows(DataflowException.class, () -> one('C', 0, latin1, StandardCharsets.UTF_8));
        assertEquals("t.dbf: record 7, field value: the text is not valid UTF-8 (charset for the test)", e.getMessage());
        assertTrue(e.hint().contains("charset"));
    }

    @Test
    void numbersLoseTheirPaddingAndScale() throws IOException {
        assertEquals("1825", one('N', "1825.000000000000000"));
        assertEquals("1825", one('N', "     1825"));
        assertEquals("12.5", one('N', "  12.50"));
        assertEquals("-0.25", one('N', " -0.250"));
        assertEquals("0.5", one('F', "   .5"));
        assertEquals("7", one('N', "+007"));
        assertEquals("0", one('N', "0.000"));
        assertEquals("5", one('N', "5."));
        assertEquals("1500", one('N', "1.5E+3"));
        assertEquals("0.00012", one('F', "1.2e-4"));
    }

    @Test
    void blankOrOverflowNumbersAreNullAndGarbageIsAnError() throws IOException {
        assertEquals("", one('N', "        "));
        assertEquals("", one('N', "********"));
        assertEquals("", one('N', "\0\0\0\0"));
        DataflowException e = assertThrows(DataflowException.class, () -> one('N', "  12,5"));
        assertEquals("t.dbf: record 7, field value: \"12,5\" is not a number", e.getMessage());
    }

    @Test
    void datesBecomeIso() throws IOException {
        assertEquals("2024-02-29", one('D', "20240229"));
        assertEquals("", one('D', "        "));
        assertEquals("", one('D', "00000000"));
        DataflowException bad = assertThrows(DataflowException.class, () -> one('D', "20230229"));
        assertTrue(bad.getMessage().contains("\"20230229\" is not a date"), bad.getMessage());
        assertThrows(DataflowException.class, () -> one('D', "2024-1-1"));
    }

    @Test
    void logicals() throws IOException {
        assertEquals("true", one('L', "T"));
        assertEquals("true", one('L', "y"));
        assertEquals("false", one('L', "F"));
        assertEquals("false", one('L', "n"));
        assertEquals("", one('L', "?"));
        assertEquals("", one('L', " "));
        assertThrows(DataflowException.class, () -> one('L', "X"));
    }

    @Test
    void unsupportedFieldTypeIsRejectedUpFront() {
        DataflowException e = assertThrows(DataflowException.class,
                () -> new AttributeWriter("t.dbf", List.of(new DbfField("notes", 'M', 1, 10, 0)), StandardCharsets.UTF_8, "x"));
        assertTrue(e.getMessage().startsWith("t.dbf: field notes has DBF type 'M'"), e.getMessage());
    }
}
