package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.db.Databases;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.state.Fingerprints;
import dev.dataflow.state.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code resume}: runs the last run's selection again from the first step that did not succeed or whose inputs
 * (rendered SQL, source file checksums, selection) changed since. A step is never skipped on stale state.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue the last run from the step that failed, or from an earlier step whose inputs changed since.",
                "Uses the last run's selection (groups, steps, domains)."})
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RunFlags flags;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = App.load(common, root.environment);
        PrintWriter out = spec.commandLine().getOut();
        List<RunState.Run> runs;
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.flow()) {
            runs = RunState.recent(c, 1);
        }
        if (runs.isEmpty()) {
            out.println("nothing to resume: no run is recorded in the " + pipeline.flow().describe());
            out.flush();
            return 0;
        }
        RunState.Run last = runs.get(0);
        if ("ok".equals(last.status())) {
            out.println("nothing to resume: run " + last.id() + " succeeded");
            out.flush();
            return 0;
        }
        Plan previous = Planner.plan(pipeline, last.selection());
        String from = null;
        String why = null;
        for (Plan.PlannedStep ps : previous.steps()) {
            RunState.StepRecord rec = last.steps().stream().filter(s -> s.stepId().equals(ps.step().id())).findFirst()
                    .orElse(null);
            if (rec == null || !"ok".equals(rec.status())) {
                from = ps.step().id();
                why = rec == null ? "not in the last run" : "it " + rec.status().replace("_", " ") + " in run " + last.id();
                break;
            }
            String now = Fingerprints.of(pipeline, ps);
            if (!now.equals(rec.fingerprint())) {
                from = ps.step().id();
                why = "its inputs changed since run " + last.id();
                break;
            }
        }
        if (from == null) {
            out.println("nothing to resume: every step of run " + last.id() + " succeeded");
            out.flush();
            return 0;
        }
        String resumedFrom = from;
        RunState.StepRecord failedStep = last.steps().stream().filter(st -> st.stepId().equals(resumedFrom)).findFirst()
                .orElse(null);
        if (failedStep != null) {
            try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.flow()) {
                List<String> committed = RunState.domains(c, last.id()).stream()
                        .filter(d -> d.position() == failedStep.position() && "ok".equals(d.status()))
                        .map(RunState.DomainRecord::domain).toList();
                if (!committed.isEmpty()) {
                    out.println("run " + last.id() + "'s " + from + " committed " + String.join(", ", committed)
                            + " before it stopped; they run again with the rest, since each replaces its own tables");
                }
            }
        }
        Selection s = last.selection();
        Selection resumed = new Selection(s.groups(), s.steps(), from, s.domains());
        out.println("resuming run " + last.id() + " from " + from + " (" + why + ")");
        out.flush();
        return App.run(pipeline, resumed, flags.options(common.verbose), out, root.environment);
    }
}
