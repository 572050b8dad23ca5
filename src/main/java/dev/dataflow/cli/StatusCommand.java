package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Pipeline;
import dev.dataflow.db.Databases;
import dev.dataflow.state.RunHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;

/** {@code status}: the last runs recorded in the flow database, with each step's result. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the last runs recorded in the flow database.")
final class StatusCommand extends Subcommand {
    @Option(names = "--last", paramLabel = "N", defaultValue = "5", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = pipeline();
        PrintWriter out = spec.commandLine().getOut();
        List<RunHistory.Run> runs;
        java.util.Map<Long, List<RunHistory.DomainRecord>> domains = new java.util.HashMap<>();
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.flow()) {
            runs = RunHistory.recent(c, last);
            for (RunHistory.Run r : runs) {
                domains.put(r.id(), RunHistory.domains(c, r.id()));
            }
        } catch (java.sql.SQLException e) {
            throw DataflowException.stepFailed("cannot read the runs recorded in the " + pipeline.flow().describe()
                    + ": " + e.getMessage(), null, e);
        }
        if (runs.isEmpty()) {
            out.println("no runs recorded in the " + pipeline.flow().describe());
        }
        for (RunHistory.Run r : runs) {
            out.println("run " + r.id() + "  " + r.status().toUpperCase() + "  started " + r.startedAt()
                    + (r.finishedAt() == null ? "" : ", finished " + r.finishedAt())
                    + "  domains " + (r.selection().domains().isEmpty() ? "[all]" : r.selection().domains()));
            for (RunHistory.StepRecord s : r.steps()) {
                out.printf("    %-20s %-8s %8s %12s  %s%n", s.stepId(), s.status(),
                        s.durationMs() == null ? "" : String.format(java.util.Locale.US, "%.1fs", s.durationMs() / 1000.0),
                        s.rows() == null || s.rows() == 0 ? "" : s.rows() + " rows",
                        s.message() == null ? "" : s.message().lines().findFirst().orElse(""));
                // A transform's domains, in the order they started: those that ran side by side overlap in time.
                for (RunHistory.DomainRecord d : domains.getOrDefault(r.id(), List.of())) {
                    if (d.position() == s.position()) {
                        out.printf("      %-30s %-10s %s%n", d.domain(), d.status(), d.startedAt() == null ? ""
                                : d.startedAt() + " .. " + (d.finishedAt() == null ? "" : d.finishedAt()));
                    }
                }
            }
        }
        out.flush();
        if (runs.isEmpty()) {
            return 0;
        }
        // status reports; it does not judge: 0 whenever it could read the runs, whatever the last one did.
        return 0;
    }
}
