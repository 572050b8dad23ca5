package dev.dataflow.exec;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StyleTest {
    @Test
    void colourOnATerminalWithoutNoColor() {
        Style s = Style.of(true, Map.of());
        assertTrue(s.colour());
        assertEquals("\033[32mOK\033[0m", s.status("OK"));
        assertEquals("\033[32mPASS\033[0m", s.status("PASS"));
        assertEquals("\033[33mWARN\033[0m", s.status("WARN"));
        assertEquals("\033[33mFORCED\033[0m", s.status("FORCED"));
        assertEquals("\033[31mFAILED\033[0m", s.status("FAILED"));
        assertEquals("\033[2mSKIPPED\033[0m", s.status("SKIPPED"));
        assertEquals("INSERT", s.status("INSERT"), "words that are not a status pass unchanged");
    }

    @Test
    void noColourWhenNoColorIsSet() {
        Style s = Style.of(true, Map.of("NO_COLOR", "1"));
        assertFalse(s.colour());
        assertEquals("FAILED", s.status("FAILED"));
        assertEquals("dim", s.dim("dim"));
    }

    @Test
    void anEmptyNoColorIsUnset() {
        // https://no-color.org: "when present and not an empty string"
        assertTrue(Style.of(true, Map.of("NO_COLOR", "")).colour());
    }

    @Test
    void noColourWhenNotATerminal() {
        Style s = Style.of(false, Map.of());
        assertFalse(s.colour());
        assertEquals("OK", s.status("OK"));
    }
}
