package dev.dataflow.exec;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {
    @Test
    void progressIsNotEvenBuiltWhenNotATerminal() {
        StringWriter out = new StringWriter();
        Console console = new Console(new PrintWriter(out), false);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            console.progress(() -> "x" + built.incrementAndGet());
        }
        assertEquals(0, built.get());
        assertEquals("", out.toString());
    }

    @Test
    void progressIsShownAtMostFiveTimesASecondAndAtOnceAfterALine() {
        StringWriter out = new StringWriter();
        Console console = new Console(new PrintWriter(out), true);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            console.progress(() -> "p" + built.incrementAndGet());
        }
        assertEquals(1, built.get(), "a burst within 200 ms shows the first only");
        console.line("table done");
        console.progress(() -> "p" + built.incrementAndGet());
        assertEquals(2, built.get(), "after a line, the next progress is shown at once");
        assertEquals("\r\033[Kp1\r\033[Ktable done" + System.lineSeparator() + "\r\033[Kp2", out.toString());
    }

    @Test
    void rowsAndRate() {
        assertEquals("300,000 rows (150,000 rows/s)", Console.rows(300_000, 2_000_000_000L));
        assertTrue(Console.rows(5, 0).startsWith("5 rows ("), "no division by zero at the start");
    }
}
