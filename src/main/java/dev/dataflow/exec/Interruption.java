package dev.dataflow.exec;

/**
 * Set when the operator stops the run (SIGINT from Ctrl-C, SIGTERM from a CI cancel or {@code kill}): the running
 * step's connections are aborted, so its transaction rolls back, and the runner records the step and the run as
 * interrupted instead of failed and starts no further step.
 */
public final class Interruption {
    private volatile String signal;
    private volatile int exitCode;

    /** Records the signal ("INT" or "TERM"); the exit code is 128 + its number, as shells report it. */
    public void signal(String name, int number) {
        if (signal == null) {
            exitCode = 128 + number;
            signal = name;
        }
    }

    public boolean interrupted() {
        return signal != null;
    }

    /** "SIGTERM", or null when no signal came. */
    public String signalName() {
        return signal == null ? null : "SIG" + signal;
    }

    public int exitCode() {
        return exitCode;
    }
}
