package dev.dataflow.config;

import java.util.List;
import java.util.Map;

/**
 * A named unit of tables that can be rebuilt on its own; {@code parents} are the domains whose tables it references.
 * {@code sql} maps a step id to that step's templates for this domain.
 */
public record Domain(String name, List<String> parents, List<String> tables, List<Source> sources,
                     Map<String, List<String>> sql, List<Check> checks, Pos pos) {
    public List<String> templatesFor(String stepId) {
        return sql.getOrDefault(stepId, List.of());
    }
}
