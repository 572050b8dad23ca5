package dev.dataflow.config;

import java.nio.file.Path;

/**
 * Run settings: folders and parallelism. Relative folders are relative to the pipeline file's folder.
 * {@code splitLoadMiB} is the file size from which a load into an empty table is cut across several COPYs (0: never);
 * {@code rebuildIndexesMiB} the model table size from which a populate sets the target table's indexes and foreign keys
 * aside during its COPY and rebuilds them after ({@link #NEVER}: never); {@code transformParallelism} how many
 * domains with no path between them in the domain graph a transform runs at once (1: one by one); {@code publish}
 * how the populate publishes.
 */
public record Settings(Path sqlDir, Path downloadDir, Path convertDir, Path renderDir, Path drizzleSchema, int loadParallelism,
                       int downloadParallelism, int splitLoadMiB, int rebuildIndexesMiB,
                       int transformParallelism, PublishSettings publish) {
    /** {@code rebuildIndexesMiB} when indexes are never set aside. */
    public static final int NEVER = -1;
    /** The default {@code rebuildIndexesMiB}. */
    public static final int REBUILD_INDEXES_MIB = 8;
    /** The default {@code transformParallelism}. */
    public static final int TRANSFORM_PARALLELISM = 4;
}
