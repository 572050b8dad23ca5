package dev.dataflow.exec;

import java.io.PrintWriter;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * Where run output goes: one line per event, and on a terminal a progress line redrawn in place.
 */
public final class Console {
    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance(Locale.US);
    private final PrintWriter out;
    private final boolean terminal;
    private long lastProgress;
    private boolean progressShown;

    public Console(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void line(String text) {
        clearProgress();
        out.println(text);
        out.flush();
    }

    /** Shows progress at most five times a second, and only on a terminal. */
    public synchronized void progress(String text) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProgress < 200_000_000L) {
            return;
        }
        lastProgress = now;
        out.print("\r\033[K" + text);
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

    public static String seconds(long nanos) {
        return String.format(Locale.US, nanos < 10_000_000_000L ? "%.2fs" : "%.1fs", nanos / 1e9);
    }
}
