package dev.dataflow.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A pipeline as its sections were read, before the cross-checks: what they compare, the folder relative paths
 * resolve in, and the {@link Positions} their problems point at. Steps may still have a null kind here (an unknown
 * kind is a problem already reported); a {@link Pipeline} never does.
 */
record Draft(Path baseDir, Settings settings, List<Step> steps, List<Domain> domains, Positions positions) {
    /** A folder from the settings, resolved against the pipeline's folder when relative. */
    Path resolve(Path path) {
        return path.isAbsolute() ? path : baseDir.resolve(path);
    }
}
