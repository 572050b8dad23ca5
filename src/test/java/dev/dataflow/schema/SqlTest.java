package dev.dataflow.schema;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlTest {
    @Test
    void identifiersAreAlwaysQuotedWithInnerQuotesDoubled() {
        assertEquals("\"borough\"", Sql.ident("borough"));
        assertEquals("\"a \"\"b\"\"\"", Sql.ident("a \"b\""));
        assertEquals("\"public\".\"Tax Lot\"", Sql.qualified("public", "Tax Lot"));
        assertThrows(IllegalArgumentException.class, () -> Sql.ident("a\0b"));
    }

    @Test
    void literalsEscapeQuotesAndBackslashesWhateverTheServerSetting() {
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("E'a\\\\b \\'c\\''", Sql.literal("a\\b 'c'"));
    }
}
