package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvWriterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private String written(CsvWriter w) throws IOException {
        w.close();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nullIsAnEmptyUnquotedFieldAndEmptyTextIsQuoted() throws IOException {
        CsvWriter w = new CsvWriter(bytes, 64);
        w.nullField();
        w.textField(utf8(""), 0, 0);
        w.textField("");
        w.nullField();
        w.endRow();
        assertEquals(",\"\",\"\",\n", written(w));
    }

    @Test
    void quotesOnlyWhatCopyNeeds() throws IOException {
        CsvWriter w = new CsvWriter(bytes, 64);
        for (String s : new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "\\.", "x\\y", "Café"}) {
            byte[] b = utf8(s);
            w.textField(b, 0, b.length);
        }
        w.endRow();
        // A leading backslash is quoted so a lone "\." can never read as COPY's end-of-data marker.
        assertEquals("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"\\.\",x\\y,Café\n", written(w));
    }

    @Test
    void charactersAreEncodedAsUtf8WithTheSameQuoting() throws IOException {
        CsvWriter w = new CsvWriter(bytes, 8);
        w.textField("São \"Paulo\", 😀 €");
        w.textField("é");
        w.endRow();
        assertEquals("\"São \"\"Paulo\"\", 😀 €\",é\n", written(w));
    }

    @Test
    void hexFieldSurvivesBufferBoundaries() throws IOException {
        CsvWriter w = new CsvWriter(bytes, 5);
        w.plainField(utf8("1"), 0, 1);
        w.startHexField();
        w.hexSink().write(new byte[] {0x01, (byte) 0xAB, 0x00, (byte) 0xFF, 0x10}, 5);
        w.hexSink().write(new byte[] {0x7F, 0x00}, 1);
        w.endRow();
        w.textField(utf8("a long value past the buffer"), 0, 28);
        w.endRow();
        assertEquals("1,01AB00FF107F\na long value past the buffer\n", written(w));
    }
}
