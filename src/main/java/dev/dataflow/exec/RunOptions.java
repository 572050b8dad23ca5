package dev.dataflow.exec;

import java.nio.file.Path;

/**
 * Run-wide switches from the command line: {@code refresh} downloads again, {@code force} lets a populate through a
 * failing {@code row_count max_change} check, {@code report} is where the JSON run report goes (null: the default).
 */
public record RunOptions(boolean refresh, boolean verbose, boolean force, Path report) {
    public RunOptions(boolean refresh, boolean verbose) {
        this(refresh, verbose, false, null);
    }

    public static RunOptions defaults() {
        return new RunOptions(false, false);
    }
}
