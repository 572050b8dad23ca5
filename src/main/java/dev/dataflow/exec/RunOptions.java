package dev.dataflow.exec;

/** Run-wide switches from the command line. */
public record RunOptions(boolean refresh, boolean verbose) {
    public static RunOptions defaults() {
        return new RunOptions(false, false);
    }
}
