package dev.dataflow.cli;

import dev.dataflow.plan.Selection;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** Which steps and domains to run. */
final class SelectionOptions {
    @Option(names = "--group", paramLabel = "GROUP", description = "Run the steps of this group (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(names = "--step", paramLabel = "ID", description = "Run this step, e.g. pg:source:load (repeatable).")
    List<String> steps = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ID", description = "Run this step and every later one (resume after a failure).")
    String from;

    @Option(names = "--domain", paramLabel = "DOMAIN",
            description = "Domain to build and publish (repeatable; 'all' = every domain; default all).")
    List<String> domains = new ArrayList<>();

    Selection selection() {
        return new Selection(groups, steps, from, splitCommas(domains));
    }

    static List<String> splitCommas(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }
}
