package dev.dataflow.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CompletionTest {
    private static final long S = 1_000_000_000L;

    @Test
    void percentAndTimeLeftAtTheRateSoFar() {
        assertEquals(", 25%, ETA 30s", Completion.of(25, 100, 10 * S));
        assertEquals(", 50%, ETA 2m00s", Completion.of(50, 100, 120 * S));
        assertEquals(", 10%, ETA 1h30m", Completion.of(10, 100, 600 * S));
        assertEquals(", 100%", Completion.of(100, 100, 3 * S));
    }

    @Test
    void noEstimateTooEarlyAndNothingWithoutATotal() {
        assertEquals(", 40%", Completion.of(40, 100, S / 2), "under a second");
        assertEquals(", 0%", Completion.of(5, 1000, 30 * S), "under 1%");
        assertEquals("", Completion.of(5, 0, 30 * S));
        assertEquals(", 100%", Completion.of(120, 100, 30 * S), "more than announced is capped");
    }
}
