package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PublishSettings;
import dev.dataflow.config.StepKind;
import dev.dataflow.db.Databases;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.SideBySide;
import dev.dataflow.plan.StepTraits;
import dev.dataflow.schema.ModelReplicator;
import dev.dataflow.schema.PublicationPlanReader;
import dev.dataflow.schema.PublicationPlan;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints a plan: the ordered steps with their domains, and why each domain is built or published. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds, PrintWriter out) {
        out.println("Plan for " + pipeline.name() + " (" + plan.steps().size() + " steps)");
        int i = 1;
        int width = plan.steps().stream().mapToInt(s -> s.step().id().length()).max().orElse(10);
        int groupWidth = plan.steps().stream().mapToInt(s -> s.step().group() == null ? 1 : s.step().group().length())
                .max().orElse(1) + 2;
        for (Plan.PlannedStep ps : plan.steps()) {
            String group = "[" + (ps.step().group() == null ? "-" : ps.step().group()) + "]";
            StepTraits traits = StepTraits.of(kinds, ps.step().kind());
            List<String> covered = ps.domains().stream()
                    .filter(d -> traits.worksOn(ps.step(), pipeline.domain(d).orElseThrow())).toList();
            out.printf("  %2d. %-" + width + "s  %-" + groupWidth + "s  %s%n", i++, ps.step().id(), group,
                    String.join(", ", covered)).flush();
            if (traits.sideBySide() && covered.size() > 1) {
                printSideBySide(pipeline, covered, width + groupWidth + 8, out);
            }
        }
        out.println();
        out.println("Domains built in the flow database:");
        printReasons(out, plan.build(), plan.buildReasons());
        out.println("Domains published to the target database:");
        printReasons(out, plan.publish(), plan.publishReasons());
        List<String> tables = plan.publish().stream()
                .flatMap(d -> pipeline.domain(d).orElseThrow().tables().stream()).toList();
        out.println("Target tables truncated and reloaded by a populate: "
                + (tables.isEmpty() ? "none" : String.join(", ", tables)));
        out.flush();
    }

    /**
     * Reads the target database's foreign keys: what the populate truncates, reaches through keys, or would be
     * blocked by.
     */
    static void explainPopulate(Pipeline pipeline, Plan plan, PrintWriter out) {
        List<String> tables = plan.publish().stream()
                .flatMap(d -> pipeline.domain(d).orElseThrow().tables().stream()).toList();
        out.println();
        out.println("Populate, as the API database's foreign keys see it (" + pipeline.target().describe() + "):");
        if (tables.isEmpty()) {
            out.println("  nothing is published");
            out.flush();
            return;
        }
        String schema = pipeline.target().schema();
        try (Databases dbs = new Databases(pipeline.flow(), pipeline.target(), 1); Connection c = dbs.target()) {
            List<ModelReplicator.Reference> refs = ModelReplicator.references(c, schema);
            List<String> order = ModelReplicator.foreignKeyOrder(c, schema, tables);
            for (String t : order) {
                String owner = pipeline.domains().stream().filter(d -> d.tables().contains(t)).findFirst()
                        .map(Domain::name).orElse("?");
                List<String> parents = refs.stream().filter(r -> r.child().equals(t)).map(r -> r.parent()
                        + (tables.contains(r.parent()) ? "" : " (kept, not published)")).distinct().toList();
                out.println("  truncate + reload " + t + " [" + owner + ", " + plan.publishReasons().get(owner) + "]"
                        + (parents.isEmpty() ? "" : "; references " + String.join(", ", parents)));
            }
            List<String> blocking = refs.stream().filter(r -> tables.contains(r.parent()) && !tables.contains(r.child()))
                    .map(r -> r.child() + " -> " + r.parent() + " (" + r.constraint() + ")").distinct().toList();
            out.println(blocking.isEmpty() ? "  no table outside the publish set references it: the populate can run"
                    : "  BLOCKED: these tables outside the publish set reference it, and a truncate would empty them: "
                    + String.join(", ", blocking));
            explainSwap(pipeline, c, schema, tables, out);
        } catch (DataflowException e) {
            throw DataflowException.stepFailed("plan --explain cannot read the API database: "
                    + e.getMessage(), e.hint(), e);
        } catch (SQLException e) {
            throw DataflowException.stepFailed("plan --explain cannot read the API database: "
                    + e.getMessage(), null, e);
        }
        out.flush();
    }

    /** How the populate would publish: by swap or not, and why not; the extra disk it takes. */
    private static void explainSwap(Pipeline pipeline, Connection c, String schema, List<String> tables,
                                    PrintWriter out) {
        PublishSettings publish = pipeline.settings().publish();
        PublicationPlan plan = PublicationPlanReader.read(c, schema, tables);
        out.println("  publish mode: " + publish.mode().yamlName() + " (settings.publishMode), lock timeout "
                + publish.lockTimeoutMs() + " ms, " + publish.lockRetries() + " retries");
        if (!plan.refusals().isEmpty()) {
            out.println("  cannot be swapped: " + String.join("; ", plan.refusals().stream().map(Object::toString).toList())
                    + switch (publish.mode()) {
                        case SWAP -> " -> the populate will refuse to publish";
                        case SWAP_OR_TRUNCATE -> " -> it will truncate and copy, API reads waiting for it";
                        case TRUNCATE -> "";
                    });
        } else if (publish.mode() != PublishSettings.Mode.TRUNCATE) {
            out.println("  can be swapped: no view, function, trigger, rule, policy, publication or ownership "
                    + "problem stands in the way");
        }
        if (publish.mode() != PublishSettings.Mode.TRUNCATE) {
            out.println("  extra disk: about " + size(plan.liveBytes()) + " for the shadow copy while it is built"
                    + (publish.keepPrevious() ? ", then kept as the previous copy for rollback (the previous copy "
                    + "takes " + size(plan.previousBytes()) + " now)"
                    : "; no previous copy is kept (settings.keepPrevious: false), so no rollback"));
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.US, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.US, "%.1f MiB", bytes / (double) (1L << 20));
    }

    /**
     * Which of a transform's domains run together: each wave's domains have no path between them in the domain
     * graph; a domain of a later wave starts as soon as its own ancestors end.
     */
    private static void printSideBySide(Pipeline pipeline, List<String> domains, int indent, PrintWriter out) {
        int parallelism = pipeline.settings().transformParallelism();
        String pad = " ".repeat(indent);
        if (parallelism == 1) {
            out.println(pad + "one domain at a time (settings.transformParallelism: 1)");
            return;
        }
        List<List<String>> waves = SideBySide.waves(pipeline, domains);
        Map<String, Set<String>> waits = SideBySide.waitsFor(pipeline, domains);
        out.println(pad + "side by side, up to " + parallelism + " at once (settings.transformParallelism):");
        for (int w = 0; w < waves.size(); w++) {
            List<String> wave = waves.get(w);
            out.println(pad + "  " + (w == 0 ? "together: " + String.join(", ", wave)
                    : "then: " + String.join(", ", wave.stream().map(d -> d + " (after "
                    + String.join(", ", waits.get(d)) + ")").toList())));
        }
    }

    private static void printReasons(PrintWriter out, List<String> domains, Map<String, String> reasons) {
        if (domains.isEmpty()) {
            out.println("  (none)");
        }
        for (String d : domains) {
            out.println("  " + d + " - " + reasons.get(d));
        }
    }
}
