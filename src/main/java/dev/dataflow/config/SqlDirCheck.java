package dev.dataflow.config;

import java.nio.file.Files;
import java.util.List;

/** The SQL folder ({@code settings.sqlDir}, default {@code sql}) exists. */
final class SqlDirCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        if (!Files.isDirectory(draft.resolve(draft.settings().sqlDir()).normalize())) {
            problems.add(new Problem(draft.positions().sqlDir(),
                    "SQL folder " + draft.settings().sqlDir() + " does not exist", null));
        }
    }
}
