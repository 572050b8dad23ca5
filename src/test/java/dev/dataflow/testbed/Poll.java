package dev.dataflow.testbed;

import java.time.Duration;

/**
 * Waits for a condition another thread or server process brings about, and fails the test at the deadline: a wait
 * that runs out is a failure, never a silent "go on anyway". Never used to prove that something did not happen.
 */
public final class Poll {
    /** Generous: a loaded 1-CPU machine can take seconds to start a step; a hang is what this catches. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    /** A condition that may query a database. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Poll() {
    }

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} at the deadline. */
    public static void until(String what, Condition condition) throws Exception {
        until(what, DEADLINE, condition);
    }

    public static void until(String what, Duration deadline, Condition condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("gave up after " + deadline.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
