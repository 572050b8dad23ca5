package dev.dataflow.config;

import java.nio.file.Path;

/**
 * Run settings: folders and parallelism. Relative folders are relative to the pipeline file's folder.
 * {@code splitLoadMiB} is the file size from which a load into an empty table is cut across several COPYs (0: never).
 */
public record Settings(Path sqlDir, Path downloadDir, Path convertDir, Path renderDir, Path drizzleSchema, int loadParallelism,
                       int downloadParallelism, int splitLoadMiB) {
}
