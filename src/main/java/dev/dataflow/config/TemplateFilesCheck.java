package dev.dataflow.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Every SQL template named (by a step, a domain's {@code sql:} or a sql check) stays inside the SQL folder and exists. */
final class TemplateFilesCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        Path sqlDir = draft.settings().sqlDir();
        Path dir = draft.resolve(sqlDir);
        for (Positions.Placed t : draft.positions().templates()) {
            Path p = dir.resolve(t.name()).normalize();
            if (!p.startsWith(dir.normalize())) {
                problems.add(new Problem(t.pos(), "SQL template " + t.name() + " is outside " + sqlDir, null));
            } else if (!Files.isRegularFile(p)) {
                problems.add(new Problem(t.pos(), "SQL file " + sqlDir.resolve(t.name()) + " does not exist", null));
            }
        }
    }
}
