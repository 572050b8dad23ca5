package dev.dataflow.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one task per domain, at most {@code parallelism} at once, each only after the domains it waits for ended
 * well. The first failure stops the rest: no further domain starts, and the running ones are asked to stop through
 * the canceller each registers (a transform cancels its statement, so its transaction rolls back). Every domain's
 * start and end are recorded. With parallelism 1 the domains run one by one in the given order.
 */
public final class DomainScheduler {
    /** How a domain ended. */
    public enum Status { OK, FAILED, CANCELLED, NOT_RUN }

    /** One domain's run: when it started and ended (null when it never ran), and how. */
    public record DomainRun(String domain, Status status, Instant startedAt, Instant finishedAt, String message) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("domain", domain);
            m.put("status", status.name().toLowerCase().replace('_', ' '));
            m.put("startedAt", startedAt == null ? null : startedAt.toString());
            m.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
            m.put("durationMs", startedAt == null || finishedAt == null ? null
                    : finishedAt.toEpochMilli() - startedAt.toEpochMilli());
            m.put("message", message);
            return m;
        }
    }

    /** What a task may ask: whether the run is stopping, and where to register how to stop it. */
    public interface Control {
        boolean stopping();

        /** Registers how to stop the task's current work; it is called at once if the run is already stopping. */
        void onStop(Runnable canceller);
    }

    /** One domain's work. */
    @FunctionalInterface
    public interface Task {
        void run(String domain, Control control) throws Exception;
    }

    /** Every domain's run, in the given order, and the first failure (null when all ended well). */
    public record Outcome(List<DomainRun> runs, Exception failure, String failedDomain) {
    }

    private DomainScheduler() {
    }

    public static Outcome run(List<String> order, Map<String, Set<String>> waitsFor, int parallelism, Task task)
            throws InterruptedException {
        int threads = Math.max(1, Math.min(parallelism, order.size()));
        Map<String, DomainRun> runs = new LinkedHashMap<>();
        order.forEach(d -> runs.put(d, new DomainRun(d, Status.NOT_RUN, null, null, null)));
        if (order.isEmpty()) {
            return new Outcome(List.of(), null, null);
        }
        AtomicBoolean stopping = new AtomicBoolean();
        Map<String, Runnable> cancellers = new LinkedHashMap<>();
        LinkedBlockingQueue<Object[]> finished = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "domain");
            t.setDaemon(true);
            return t;
        });
        Set<String> pending = new LinkedHashSet<>(order);
        Set<String> running = new LinkedHashSet<>();
        Set<String> ok = new LinkedHashSet<>();
        Exception failure = null;
        String failedDomain = null;
        try {
            while (true) {
                if (!stopping.get()) {
                    for (String d : new ArrayList<>(pending)) {
                        if (running.size() >= threads) {
                            break;
                        }
                        if (!ok.containsAll(waitsFor.getOrDefault(d, Set.of()))) {
                            continue;
                        }
                        pending.remove(d);
                        running.add(d);
                        Instant start = Instant.now();
                        runs.put(d, new DomainRun(d, Status.NOT_RUN, start, null, null));
                        Control control = new Control() {
                            @Override
                            public boolean stopping() {
                                return stopping.get();
                            }

                            @Override
                            public void onStop(Runnable canceller) {
                                synchronized (cancellers) {
                                    cancellers.put(d, canceller);
                                    if (!stopping.get()) {
                                        return;
                                    }
                                }
                                canceller.run();
                            }
                        };
                        pool.execute(() -> {
                            Exception error = null;
                            try {
                                task.run(d, control);
                            } catch (Exception e) {
                                error = e;
                            } catch (Error e) {
                                error = new RuntimeException(e);
                            } finally {
                                synchronized (cancellers) {
                                    cancellers.remove(d);
                                }
                            }
                            finished.add(new Object[]{d, Instant.now(), error});
                        });
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Object[] end = finished.take();
                String d = (String) end[0];
                Instant at = (Instant) end[1];
                Exception error = (Exception) end[2];
                running.remove(d);
                Instant started = runs.get(d).startedAt();
                if (error == null) {
                    ok.add(d);
                    runs.put(d, new DomainRun(d, Status.OK, started, at, null));
                } else if (failure == null) {
                    failure = error;
                    failedDomain = d;
                    runs.put(d, new DomainRun(d, Status.FAILED, started, at, error.getMessage()));
                    stop(stopping, cancellers);
                } else {
                    runs.put(d, new DomainRun(d, Status.CANCELLED, started, at,
                            "stopped because " + failedDomain + " failed"));
                }
            }
            if (failure == null && !pending.isEmpty()) {
                throw new IllegalStateException("domains " + pending + " wait for domains that never end");
            }
        } catch (InterruptedException e) {
            stop(stopping, cancellers);
            throw e;
        } finally {
            pool.shutdown();
        }
        return new Outcome(List.copyOf(runs.values()), failure, failedDomain);
    }

    private static void stop(AtomicBoolean stopping, Map<String, Runnable> cancellers) {
        List<Runnable> toRun;
        synchronized (cancellers) {
            stopping.set(true);
            toRun = new ArrayList<>(cancellers.values());
        }
        for (Runnable r : toRun) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // the domain ends with its own error or commits; either way the scheduler waits for it
            }
        }
    }
}
