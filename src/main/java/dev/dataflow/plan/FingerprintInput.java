package dev.dataflow.plan;

import java.nio.file.Path;
import java.util.List;

/** One thing a step's fingerprint covers besides its templates: a fact about the step, or a file it reads. */
public sealed interface FingerprintInput {
    /** A fact, such as an object's bucket and key, or the table and columns a source loads into. */
    record Fact(String text) implements FingerprintInput {
    }

    /**
     * A file the step reads, after a label: the first of {@code candidates} that exists (a load reads the converted
     * CSV when there is one, else the shapefile it comes from).
     */
    record FileRead(String label, List<Path> candidates) implements FingerprintInput {
        public FileRead(String label, Path file) {
            this(label, List.of(file));
        }
    }
}
