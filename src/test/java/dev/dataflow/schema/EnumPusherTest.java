package dev.dataflow.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EnumPusherTest {
    @Test
    void insertionsAloneAreFine() {
        assertNull(EnumPusher.conflict(List.of("b", "d"), List.of("a", "b", "c", "d", "e")));
        assertNull(EnumPusher.conflict(List.of(), List.of("a")));
        assertNull(EnumPusher.conflict(List.of("a"), List.of("a")));
    }

    @Test
    void removalsAndReorderingsAreNamed() {
        assertEquals("value(s) [c] would have to be removed", EnumPusher.conflict(List.of("a", "c"), List.of("a", "b")));
        assertEquals("existing values would have to be reordered to [b, a]",
                EnumPusher.conflict(List.of("a", "b"), List.of("b", "x", "a")));
    }
}
