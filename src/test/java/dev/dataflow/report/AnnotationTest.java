package dev.dataflow.report;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnnotationTest {
    @Test
    void errorOnTheTemplateLineTheMessageNames() {
        assertEquals("::error file=sql/transform/pluto.sql,line=74,title=step pg%3Amodel%3Atransform failed::"
                        + "step pg:model:transform, domain pluto: sql/transform/pluto.sql:74: ERROR: division by zero%0Asecond line 100%25",
                Annotation.error("step pg:model:transform failed",
                        "step pg:model:transform, domain pluto: sql/transform/pluto.sql:74: ERROR: division by zero\nsecond line 100%"));
    }

    @Test
    void aPipelineProblemAndAMessageWithoutAFile() {
        assertTrue(Annotation.error("t", "pipeline.yaml:12:3: unknown key").startsWith("::error file=pipeline.yaml,line=12,"));
        assertEquals("::error title=t::cannot connect", Annotation.error("t", "cannot connect"));
    }

    @Test
    void onlyInGitHubActions() {
        assertTrue(Annotation.wanted(Map.of("GITHUB_ACTIONS", "true")));
        assertFalse(Annotation.wanted(Map.of()));
    }
}
