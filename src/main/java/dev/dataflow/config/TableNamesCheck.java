package dev.dataflow.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each model table belongs to one domain, and no source table has the name of a model table. */
final class TableNamesCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        Map<String, String> owner = new HashMap<>();
        for (Domain d : draft.domains()) {
            for (String t : d.tables()) {
                String first = owner.putIfAbsent(t, d.name());
                if (first != null) {
                    problems.add(new Problem(draft.positions().tableList(d.name()),
                            "table " + t + " is owned by both " + first + " and " + d.name(), null));
                }
            }
        }
        for (Domain d : draft.domains()) {
            for (Source s : d.sources()) {
                if (owner.containsKey(s.table())) {
                    problems.add(new Problem(s.pos(), "source table " + s.table() + " has the name of a model table",
                            "source tables are usually named source_*"));
                }
            }
        }
    }
}
