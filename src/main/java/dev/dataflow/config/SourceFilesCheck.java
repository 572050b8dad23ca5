package dev.dataflow.config;

import java.nio.file.Files;
import java.util.List;

/** Every source file shipped with the flow ({@code file:}, relative to the pipeline's folder) exists. */
final class SourceFilesCheck implements CrossCheck {
    @Override
    public void check(Draft draft, List<Problem> problems) {
        for (Positions.Placed f : draft.positions().shippedFiles()) {
            if (!Files.isRegularFile(draft.baseDir().resolve(f.name()))) {
                problems.add(new Problem(f.pos(), "source file " + f.name() + " does not exist", null));
            }
        }
    }
}
