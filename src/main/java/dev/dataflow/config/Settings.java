package dev.dataflow.config;

import java.nio.file.Path;

/** Run settings: folders and parallelism. Relative folders are relative to the pipeline file's folder. */
public record Settings(Path sqlDir, Path downloadDir, Path convertDir, Path renderDir, Path drizzleSchema, int loadParallelism,
                       int downloadParallelism) {
}
