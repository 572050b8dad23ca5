package dev.dataflow.exec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.WeakHashMap;

/**
 * The statements running now, shown on the console's live line with their time so far
 * ({@code running: sql/transform/pluto.sql:74 INSERT 5.2s}), redrawn twice a second while any runs. Only on a
 * terminal; the redrawing thread is a daemon that ends as soon as nothing runs.
 */
final class LiveStatements {
    private static final Map<Console, LiveStatements> BY_CONSOLE = Collections.synchronizedMap(new WeakHashMap<>());
    /** A live line wider than the terminal wraps, and the next redraw cannot clear it: keep it short. */
    private static final int WIDTH = 110;
    private final Console console;
    private final Map<Object, Running> running = new LinkedHashMap<>();
    private Thread ticker;

    private record Running(String what, long since) {
    }

    private LiveStatements(Console console) {
        this.console = console;
    }

    static LiveStatements of(Console console) {
        return BY_CONSOLE.computeIfAbsent(console, LiveStatements::new);
    }

    synchronized void started(Object key, String what) {
        if (!console.isTerminal()) {
            return;
        }
        running.put(key, new Running(what, System.nanoTime()));
        if (ticker == null) {
            ticker = new Thread(this::tick, "live-statements");
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    synchronized void finished(Object key) {
        running.remove(key);
    }

    private void tick() {
        while (true) {
            String text;
            synchronized (this) {
                if (running.isEmpty()) {
                    ticker = null;
                    return;
                }
                text = text(System.nanoTime());
            }
            console.progress(text);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    ticker = null;
                }
                return;
            }
        }
    }

    /** "running: a.sql:3 INSERT 5.2s, b.sql:9 UPDATE 0.4s", cut to the width. */
    synchronized String text(long now) {
        StringJoiner j = new StringJoiner(", ", "running: ", "");
        running.values().forEach(r -> j.add(r.what() + " " + Console.seconds(now - r.since())));
        String s = j.toString();
        return s.length() <= WIDTH ? s : s.substring(0, WIDTH - 3) + "...";
    }
}
