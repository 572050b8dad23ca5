package dev.dataflow.exec;

import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where run output goes: progress and results to one writer (stdout), errors to another (stderr), one line per
 * event, and on a terminal a progress line redrawn in place.
 */
public final class Console {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private long lastProgress;
    private boolean progressShown;

    public Console(PrintWriter out, boolean terminal) {
        this(out, out, terminal);
    }

    public Console(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** An error line: to the error writer, after the pending output so the two stay in order on one terminal. */
    public synchronized void error(String text) {
        clearProgress();
        out.flush();
        err.println(text);
        err.flush();
        lastProgress = 0;
    }

    public synchronized void line(String text) {
        clearProgress();
        out.println(text);
        out.flush();
        // The next progress (of the next table or step) is shown at once, not up to 200 ms later.
        lastProgress = 0;
    }

    /** Several lines printed together, so that another thread's lines never land between them. */
    public synchronized void lines(java.util.List<String> texts) {
        for (String t : texts) {
            line(t);
        }
    }

    /** Shows progress at most five times a second, and only on a terminal. */
    public void progress(String text) {
        progress(() -> text);
    }

    /**
     * As {@link #progress(String)}, building the text only when it is shown: hot loops (a COPY's chunks) call this
     * often, and formatting every time would cost more than the copying.
     */
    public synchronized void progress(Supplier<String> text) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (lastProgress != 0 && now - lastProgress < 200_000_000L) {
            return;
        }
        lastProgress = now;
        out.print("\r\033[K" + text.get());
        out.flush();
        progressShown = true;
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r\033[K");
            progressShown = false;
        }
    }

    public boolean isTerminal() {
        return terminal;
    }

    public static String count(long n) {
        synchronized (COUNT) {
            return COUNT.format(n);
        }
    }

    /** "12,345 rows (6,789 rows/s)" for a progress line, from rows so far and the nanoseconds since the start. */
    public static String rows(long rows, long nanos) {
        return count(rows) + " rows (" + count(Math.round(rows / Math.max(nanos / 1e9, 0.001))) + " rows/s)";
    }

    public static String seconds(long nanos) {
        return String.format(Locale.US, nanos < 10_000_000_000L ? "%.2fs" : "%.1fs", nanos / 1e9);
    }
}
