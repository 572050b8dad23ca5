package dev.dataflow.handlers;

import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.config.StepKind;
import dev.dataflow.plan.Fingerprinter;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.plan.StepTraits.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the built-in kinds say about themselves, and the plan-time fingerprints made from it. */
class StepTraitsTest {
    static final String YAML = """
            settings: {downloadDir: dl, convertDir: conv}
            steps:
              - {id: minio:download, kind: download}
              - {id: shp:convert, kind: convert, needs: [minio:download]}
              - {id: pg:source:load, kind: load, needs: [shp:convert]}
            domains:
              d:
                tables: [t]
                sources:
                  - {table: src_zip, bucket: bkt, key: k/shape.zip, convert: {promoteToMulti: true}, columns: [a]}
                  - {table: src_csv, bucket: bkt, key: k/plain.csv, columns: [a]}
                  - {table: src_shipped, file: data/shipped.csv, columns: [a]}
            """;

    @TempDir
    Path dir;
    Pipeline pipeline;

    @BeforeEach
    void parse() throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/shipped.csv"), "a\n1\n");
        pipeline = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(YAML, "pipeline.yaml", dir);
    }

    /** Step id -> fingerprint of the plan for {@code selection}, made as a run makes it. */
    private Map<String, String> fingerprints(Selection selection) {
        Plan plan = Fingerprinter.fingerprint(pipeline, Planner.plan(pipeline, selection), Handlers.builtIn());
        plan.steps().forEach(ps -> assertNotNull(ps.fingerprint(), ps.step().id()));
        return plan.steps().stream().collect(Collectors.toMap(ps -> ps.step().id(), Plan.PlannedStep::fingerprint));
    }

    @Test
    void aFileAnEarlierStepOfThePlanWritesIsFingerprintedByNameNotByWhatIsOnDiskAtPlanTime() throws Exception {
        // The first run plans before anything is downloaded or converted...
        Map<String, String> before = fingerprints(Selection.flow(List.of()));
        // ...and its resume plans the same selection again once the download and the convert wrote their files.
        write("dl/bkt/k/shape.zip", "zip");
        write("dl/bkt/k/plain.csv", "a\n2\n");
        write("conv/shape.csv", "a,wkt\n");
        Map<String, String> after = fingerprints(Selection.flow(List.of()));
        assertEquals(before.get("shp:convert"), after.get("shp:convert"), "the download the convert reads");
        assertEquals(before.get("pg:source:load"), after.get("pg:source:load"), "the files the load reads");

        // A shipped file no step writes is covered by its content.
        write("data/shipped.csv", "a\n3\n");
        assertNotEquals(after.get("pg:source:load"), fingerprints(Selection.flow(List.of())).get("pg:source:load"));
    }

    @Test
    void withoutItsWriterInThePlanAFileIsFingerprintedByItsContent() throws Exception {
        Selection fromLoad = new Selection(List.of(), List.of(), "pg:source:load", List.of());
        write("dl/bkt/k/plain.csv", "a\n2\n");
        write("conv/shape.csv", "a,wkt\n");
        String first = fingerprints(fromLoad).get("pg:source:load");
        assertEquals(first, fingerprints(fromLoad).get("pg:source:load"), "same files, same fingerprint");
        write("dl/bkt/k/plain.csv", "a\n4\n");
        String second = fingerprints(fromLoad).get("pg:source:load");
        assertNotEquals(first, second, "a changed download");
        write("conv/shape.csv", "a,wkt\n5,POINT(0 0)\n");
        assertNotEquals(second, fingerprints(fromLoad).get("pg:source:load"), "a changed converted CSV");
    }

    @Test
    void eachKindSaysWhatItWorksOnAndOpens() {
        var kinds = Handlers.builtIn();
        var d = pipeline.domain("d").orElseThrow();
        var step = pipeline.steps().get(0);
        assertTrue(kinds.get(StepKind.DOWNLOAD).worksOn(step, d));
        assertTrue(kinds.get(StepKind.CONVERT).worksOn(step, d));
        assertFalse(kinds.get(StepKind.SQL).worksOn(step, d), "no template for the step");
        assertEquals(Set.of(Resource.STORAGE), kinds.get(StepKind.DOWNLOAD).uses(step));
        assertEquals(Set.of(), kinds.get(StepKind.CONVERT).uses(step));
        assertEquals(Set.of(Resource.FLOW, Resource.TARGET), kinds.get(StepKind.POPULATE).uses(step));
        assertEquals(Set.of(Resource.TARGET), kinds.get(StepKind.DRIZZLE_PULL).uses(step));
        assertFalse(kinds.get(StepKind.DOWNLOAD).needsRunState());
        assertTrue(kinds.get(StepKind.LOAD).needsRunState());
        assertTrue(kinds.get(StepKind.TRANSFORM).sideBySide());
        assertFalse(kinds.get(StepKind.SQL).sideBySide());
    }

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
