package dev.dataflow.exec;

import java.util.Locale;

/**
 * The percent done and the time left of work whose total is known (bytes of a download or load), for progress
 * lines: {@code 42%, ETA 13s}. The estimate assumes the rate so far holds; none is given before 1% or 1 s, when the
 * rate says little yet.
 */
public final class Completion {
    private Completion() {
    }

    /** ", 42%, ETA 13s" (leading comma), ", 42%" while too early to estimate, or "" when the total is unknown. */
    public static String of(long done, long total, long nanosSoFar) {
        if (total <= 0 || done < 0) {
            return "";
        }
        long d = Math.min(done, total);
        int percent = (int) (d * 100 / total);
        String out = ", " + percent + "%";
        if (d >= total) {
            return out;
        }
        if (d * 100 < total || nanosSoFar < 1_000_000_000L || d == 0) {
            return out;
        }
        double left = nanosSoFar / 1e9 * (total - d) / d;
        return out + ", ETA " + clock(left);
    }

    /** 13s, 4m05s, 1h02m. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.US, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.US, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
