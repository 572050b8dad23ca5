package dev.dataflow.cli;

import dev.dataflow.db.Databases;
import dev.dataflow.exec.Interruption;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * While steps run, SIGINT (Ctrl-C) and SIGTERM (a CI job cancelled, {@code kill}) stop the run in order instead of
 * killing the JVM: the interruption is noted, the pools' connections are aborted (the server rolls back the running
 * step's transaction, so a populate leaves the target as it was) and the run records the step and the run as
 * interrupted, writes its report and exits 130 or 143. Outside a run the JVM's own handling applies again.
 */
final class Signals implements AutoCloseable {
    private static final Map<String, Integer> NUMBERS = Map.of("INT", 2, "TERM", 15);
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private Signals() {
    }

    static Signals install(Interruption interruption, Databases databases) {
        Signals s = new Signals();
        Thread main = Thread.currentThread();
        for (Map.Entry<String, Integer> e : NUMBERS.entrySet()) {
            Signal signal = new Signal(e.getKey());
            try {
                s.previous.put(signal, Signal.handle(signal, sig -> {
                    if (interruption.interrupted()) {
                        return;
                    }
                    interruption.signal(e.getKey(), e.getValue());
                    // Downloads and waits notice the interrupt; a statement in flight fails when its socket goes.
                    main.interrupt();
                    databases.close();
                }));
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal (e.g. -Xrs): its default handling stays
            }
        }
        return s;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        // An interrupt that arrived as the last step ended must not leak into the report writing.
        Thread.interrupted();
    }
}
