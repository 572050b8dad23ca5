package dev.dataflow.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LiteralsTest {
    @Test
    void doublesQuotesInAPlainLiteral() {
        assertEquals("'it''s'", Literals.quote("it's"));
        assertEquals("''", Literals.quote(""));
    }

    @Test
    void backslashesMakeAnEscapeLiteralWhateverTheServerSetting() {
        assertEquals("E'a\\\\b\\'c'", Literals.quote("a\\b'c"));
    }

    @Test
    void refusesNul() {
        assertThrows(IllegalArgumentException.class, () -> Literals.quote("a\0b"));
    }
}
