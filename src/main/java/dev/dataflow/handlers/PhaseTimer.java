package dev.dataflow.handlers;

import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;

/** With --verbose, where a step's time went, so the overhead around the COPYs stays visible. */
final class PhaseTimer {
    private final StepContext ctx;
    private final StringBuilder sb = new StringBuilder();
    private long last = System.nanoTime();

    PhaseTimer(StepContext ctx) {
        this.ctx = ctx;
    }

    /** Ends the phase named {@code phase}: the time since the previous mark is its. */
    void mark(String phase) {
        long now = System.nanoTime();
        sb.append(sb.length() == 0 ? "" : ", ").append(phase).append(' ').append(Console.seconds(now - last));
        last = now;
    }

    /** Prints the phases' times, with --verbose only. */
    void report() {
        if (ctx.options().verbose()) {
            ctx.console().line("  time: " + sb);
        }
    }
}
