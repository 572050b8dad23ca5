package dev.dataflow.plan;

import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which domains a transform may run together, on PlannerTest's domain graph. */
class SideBySideTest {
    private static final List<String> ALL = List.of("boroughs", "admin", "pluto", "capital-planning", "agency-leaf");
    private static Pipeline pipeline;

    @BeforeAll
    static void parse(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        pipeline = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(PlannerTest.YAML, "pipeline.yaml", dir);
    }

    @Test
    void aDomainWaitsForEveryCoveredAncestorAndNoOneElse() {
        Map<String, Set<String>> waits = SideBySide.waitsFor(pipeline, ALL);
        assertEquals(Set.of(), waits.get("boroughs"));
        assertEquals(Set.of("boroughs"), waits.get("admin"));
        assertEquals(Set.of(), waits.get("capital-planning"));
        assertEquals(Set.of("capital-planning", "pluto", "boroughs"), waits.get("agency-leaf"));
    }

    @Test
    void aGrandchildStillWaitsForItsGrandparentWhenTheParentIsNotCovered() {
        Map<String, Set<String>> waits = SideBySide.waitsFor(pipeline, List.of("boroughs", "agency-leaf"));
        assertEquals(Set.of("boroughs"), waits.get("agency-leaf"));
    }

    @Test
    void wavesGroupTheDomainsWithNoPathBetweenThem() {
        assertEquals(List.of(List.of("boroughs", "capital-planning"), List.of("admin", "pluto"), List.of("agency-leaf")),
                SideBySide.waves(pipeline, ALL));
    }
}
