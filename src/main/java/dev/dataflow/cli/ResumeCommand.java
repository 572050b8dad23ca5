package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Pipeline;
import dev.dataflow.db.Databases;
import dev.dataflow.config.StepKind;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.plan.Fingerprinter;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.state.RunHistory;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code resume}: runs the last run's selection again from the first step that did not succeed or whose inputs
 * (rendered SQL, source file checksums, selection) changed since. A step is never skipped on stale state.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue the last run from the step that failed, or from an earlier step whose inputs changed since.",
                "Uses the last run's selection (groups, steps, domains)."})
final class ResumeCommand extends RunningSubcommand {
    @Override
    public Integer call() {
        PrintWriter out = out();
        return run(root.environment, pipeline -> resumed(pipeline, root.handlers, out));
    }

    /** The plan that continues the last run, or null (said why) when there is nothing to resume. */
    private static Plan resumed(Pipeline pipeline, Map<StepKind, StepHandler> kinds, PrintWriter out) {
        List<RunHistory.Run> runs;
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.flow()) {
            runs = RunHistory.recent(c, 1);
        } catch (SQLException e) {
            throw DataflowException.stepFailed("cannot read the runs recorded in the " + pipeline.flow().describe()
                    + ": " + e.getMessage(), null, e);
        }
        if (runs.isEmpty()) {
            out.println("nothing to resume: no run is recorded in the " + pipeline.flow().describe());
            out.flush();
            return null;
        }
        RunHistory.Run last = runs.get(0);
        if ("ok".equals(last.status())) {
            out.println("nothing to resume: run " + last.id() + " succeeded");
            out.flush();
            return null;
        }
        // Fingerprinted as the last run's plan was, so that a file an earlier step writes is compared by name.
        Plan previous = Fingerprinter.fingerprint(pipeline, Planner.plan(pipeline, last.selection()), kinds);
        String from = null;
        String why = null;
        for (Plan.PlannedStep ps : previous.steps()) {
            RunHistory.StepRecord rec = last.steps().stream().filter(s -> s.stepId().equals(ps.step().id())).findFirst()
                    .orElse(null);
            if (rec == null || !"ok".equals(rec.status())) {
                from = ps.step().id();
                why = rec == null ? "it was not in run " + last.id() : "it " + what(rec.status(), last.status())
                        + " in run " + last.id();
                break;
            }
            if (ps.fingerprint() == null || !ps.fingerprint().equals(rec.fingerprint())) {
                from = ps.step().id();
                why = "its inputs changed since run " + last.id();
                break;
            }
        }
        if (from == null) {
            out.println("nothing to resume: every step of run " + last.id() + " succeeded");
            out.flush();
            return null;
        }
        String resumedFrom = from;
        RunHistory.StepRecord failedStep = last.steps().stream().filter(st -> st.stepId().equals(resumedFrom)).findFirst()
                .orElse(null);
        if (failedStep != null) {
            try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.flow()) {
                List<String> committed = RunHistory.domains(c, last.id()).stream()
                        .filter(d -> d.position() == failedStep.position() && "ok".equals(d.status()))
                        .map(RunHistory.DomainRecord::domain).toList();
                if (!committed.isEmpty()) {
                    out.println("run " + last.id() + "'s " + from + " committed " + String.join(", ", committed)
                            + " before it stopped; they run again with the rest, since each replaces its own tables");
                }
            } catch (SQLException e) {
                throw DataflowException.stepFailed("cannot read the runs recorded in the " + pipeline.flow().describe()
                        + ": " + e.getMessage(), null, e);
            }
        }
        Selection s = last.selection();
        Selection resumed = new Selection(s.groups(), s.steps(), from, s.domains());
        out.println("resuming run " + last.id() + " from " + from + " (" + why + ")");
        out.flush();
        return Planner.plan(pipeline, resumed);
    }

    /** How a step of the last run ended, as a phrase: a step left running by a run that died was interrupted. */
    private static String what(String stepStatus, String runStatus) {
        return switch (stepStatus) {
            case "failed" -> "failed";
            case "interrupted" -> "was interrupted";
            case "running" -> "interrupted".equals(runStatus) ? "was interrupted" : "was still running";
            case "skipped" -> "was skipped";
            case "pending" -> "did not run";
            default -> "ended " + stepStatus.replace('_', ' ');
        };
    }
}
