package dev.dataflow.cli;

import dev.dataflow.config.Pipeline;
import dev.dataflow.plan.Plan;

import java.io.PrintWriter;
import java.util.List;

/** Prints a plan: the ordered steps with their domains, and why each domain is built or published. */
final class PlanPrinter {
    private PlanPrinter() {
    }

    static void print(Pipeline pipeline, Plan plan, PrintWriter out) {
        out.println("Plan for " + pipeline.name() + " (" + plan.steps().size() + " steps)");
        int i = 1;
        int width = plan.steps().stream().mapToInt(s -> s.step().id().length()).max().orElse(10);
        for (Plan.PlannedStep ps : plan.steps()) {
            String group = ps.step().group() == null ? "-" : ps.step().group();
            String domains = ps.domains().isEmpty() ? "" : String.join(", ", ps.domains());
            out.printf("  %2d. %-" + width + "s  [%s]  %s%n", i++, ps.step().id(), group, domains);
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

    private static void printReasons(PrintWriter out, List<String> domains, java.util.Map<String, String> reasons) {
        if (domains.isEmpty()) {
            out.println("  (none)");
        }
        for (String d : domains) {
            out.println("  " + d + " - " + reasons.get(d));
        }
    }
}
