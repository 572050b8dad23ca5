package dev.dataflow.shapefile;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DbfEncodingTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @Test
    void cpgNamesAsToolsWriteThem() {
        assertEquals(StandardCharsets.UTF_8, DbfEncoding.fromCpg("UTF-8"));
        assertEquals(StandardCharsets.UTF_8, DbfEncoding.fromCpg("utf8\r\n"));
        assertEquals(CP1252, DbfEncoding.fromCpg("1252"));
        assertEquals(CP1252, DbfEncoding.fromCpg("CP1252"));
        assertEquals(CP1252, DbfEncoding.fromCpg("ANSI 1252"));
        assertEquals(CP1252, DbfEncoding.fromCpg("windows-1252"));
        assertEquals(Charset.forName("windows-1251"), DbfEncoding.fromCpg("1251"));
        assertEquals(StandardCharsets.ISO_8859_1, DbfEncoding.fromCpg("8859_1"));
        assertEquals(StandardCharsets.ISO_8859_1, DbfEncoding.fromCpg("88591"));
        assertEquals(StandardCharsets.ISO_8859_1, DbfEncoding.fromCpg("ISO-8859-1"));
        assertEquals(StandardCharsets.ISO_8859_1, DbfEncoding.fromCpg("ISO 8859-1"));
        assertEquals(Charset.forName("ISO-8859-15"), DbfEncoding.fromCpg("8859_15"));
        assertEquals(StandardCharsets.ISO_8859_1, DbfEncoding.fromCpg("28591"));
        assertEquals(StandardCharsets.UTF_8, DbfEncoding.fromCpg("65001"));
        assertEquals(Charset.forName("IBM437"), DbfEncoding.fromCpg("437"));
        assertEquals(Charset.forName("GBK"), DbfEncoding.fromCpg("936"));
        assertEquals(Charset.forName("Shift_JIS"), DbfEncoding.fromCpg("Shift_JIS"));
        assertNull(DbfEncoding.fromCpg("OEM"));
        assertNull(DbfEncoding.fromCpg("no-such-charset"));
    }

    @Test
    void languageDriverIds() {
        assertEquals(CP1252, DbfEncoding.fromLanguageDriver(0x57));
        assertEquals(CP1252, DbfEncoding.fromLanguageDriver(0x03));
        assertEquals(Charset.forName("IBM437"), DbfEncoding.fromLanguageDriver(0x01));
        assertEquals(Charset.forName("windows-1251"), DbfEncoding.fromLanguageDriver(0xC9));
        assertNull(DbfEncoding.fromLanguageDriver(0));
        assertNull(DbfEncoding.fromLanguageDriver(0xEE));
    }

    @Test
    void explicitThenCpgThenLanguageDriverThenUtf8() {
        Charset latin2 = Charset.forName("ISO-8859-2");
        assertEquals(latin2, DbfEncoding.choose(latin2, "a.cpg", "1252", 0x57).charset());
        DbfEncoding fromCpg = DbfEncoding.choose(null, "a.cpg", "UTF-8", 0x57);
        assertEquals(StandardCharsets.UTF_8, fromCpg.charset());
        assertEquals("from a.cpg \"UTF-8\"", fromCpg.source());
        assertEquals(CP1252, DbfEncoding.choose(null, "a.cpg", null, 0x57).charset());
        assertEquals(CP1252, DbfEncoding.choose(null, "a.cpg", "  \n", 0x57).charset());
        assertEquals(StandardCharsets.UTF_8, DbfEncoding.choose(null, "a.cpg", null, 0).charset());
        assertNull(DbfEncoding.choose(null, "a.cpg", "OEM", 0x57));
    }
}
