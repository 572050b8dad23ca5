package dev.dataflow.config;

import java.util.List;

/**
 * One kind of check run on a {@link Draft} after every section is read: references between sections (a step's
 * needs, a domain's parents, its sql keys), names that must be unique across domains, and the files the pipeline
 * names. Only these checks touch the file system; reading does not. Each adds its problems to the list, with the
 * position of what to fix.
 */
interface CrossCheck {
    void check(Draft draft, List<Problem> problems);

    /** The checks {@link PipelineParser} runs, in the order their problems are listed. */
    static List<CrossCheck> all() {
        return List.of(new SqlDirCheck(), new StepGraphCheck(), new TableNamesCheck(), new DomainSqlCheck(),
                new TemplateFilesCheck(), new SourceFilesCheck(), new DomainGraphCheck());
    }
}
