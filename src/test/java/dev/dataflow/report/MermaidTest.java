package dev.dataflow.report;

import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.StepResult;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MermaidTest {
    static final String YAML = """
            steps:
              - {id: pg:source:load, kind: load, group: seed}
              - {id: pg:model:transform, kind: transform, group: populate, needs: [pg:source:load]}
              - {id: pg:target:populate, kind: populate, group: populate, needs: [pg:model:transform]}
            domains:
              boroughs: {tables: [borough]}
              community-districts: {parents: [boroughs], tables: [community_district]}
              pluto: {parents: [boroughs], tables: [tax_lot]}
              capital-planning: {tables: [capital_project]}
            """;

    static Pipeline pipeline;

    @BeforeAll
    static void parse(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        pipeline = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(YAML, "pipeline.yaml", dir);
    }

    @Test
    void graphOfASelectionMarksItsBuildAndPublishSets() {
        Plan plan = Planner.plan(pipeline, Selection.flow(List.of("pluto")));
        assertEquals("""
                flowchart LR
                  %% build: rebuilt in the flow database; publish: also copied to the API database
                  d_boroughs["boroughs (build)"]
                  d_community_districts["community-districts"]
                  d_pluto["pluto (build, publish)"]
                  d_capital_planning["capital-planning"]
                  d_boroughs --> d_community_districts
                  d_boroughs --> d_pluto
                  classDef build fill:#fff3c4,stroke:#b58900
                  classDef publish fill:#d6f5d6,stroke:#2e7d32,stroke-width:3px
                  class d_boroughs build
                  class d_pluto publish
                """, Mermaid.graph(pipeline, plan));
    }

    @Test
    void ganttOfARunPutsStepsEndToEndAndMarksTheFailure() {
        Plan plan = Planner.plan(pipeline, Selection.flow(List.of()));
        RunResult result = new RunResult(List.of(
                new StepResult("pg:source:load", List.of(), StepResult.Status.OK, Duration.ofMillis(1500), 10, Map.of(), null, Map.of()),
                new StepResult("pg:model:transform", List.of(), StepResult.Status.FAILED, Duration.ofMillis(250), 0, Map.of(), "boom", Map.of()),
                new StepResult("pg:target:populate", List.of(), StepResult.Status.SKIPPED, Duration.ZERO, 0, Map.of(), null, Map.of())));
        Instant start = Instant.parse("2026-12-06T00:00:00Z");
        // The second step starts 40 ms after the first ended (the gap between steps shows), from its recorded start.
        Map<String, Instant> starts = Map.of("pg:source:load", start.plusMillis(10),
                "pg:model:transform", start.plusMillis(1550));
        Map<String, Object> report = RunReport.build("nyc", 7L, plan, result, starts,
                new RunReport.Provenance("0.1.0-SNAPSHOT", null, "runner.jar flow"), start, start.plusMillis(1800), 1,
                "failed", "boom");
        long t0 = start.toEpochMilli();
        assertEquals("gantt\n  title run 7 of nyc\n  dateFormat x\n  axisFormat %M:%S\n  section steps\n"
                + "  pg-source-load :done, " + (t0 + 10) + ", " + (t0 + 1510) + "\n"
                + "  pg-model-transform :crit, " + (t0 + 1550) + ", " + (t0 + 1800) + "\n", Mermaid.gantt(report));
    }

    @Test
    void aTransformsDomainsGetASectionWhereSideBySideDomainsOverlap() {
        Plan plan = Planner.plan(pipeline, Selection.flow(List.of()));
        Instant start = Instant.parse("2026-12-06T00:00:00Z");
        List<Map<String, Object>> domains = List.of(
                domainRun("boroughs", "ok", start.plusMillis(100), start.plusMillis(300)),
                domainRun("capital-planning", "ok", start.plusMillis(100), start.plusMillis(900)),
                domainRun("pluto", "failed", start.plusMillis(300), start.plusMillis(700)),
                domainRun("community-districts", "not run", null, null));
        RunResult result = new RunResult(List.of(new StepResult("pg:model:transform", List.of(), StepResult.Status.FAILED,
                Duration.ofMillis(900), 0, Map.of(), "boom", Map.of("domains", domains))));
        Map<String, Object> report = RunReport.build("nyc", 1L, plan, result, Map.of("pg:model:transform", start),
                new RunReport.Provenance("0.1.0-SNAPSHOT", null, "runner.jar flow"), start, start.plusMillis(950), 1,
                "failed", "boom");
        long t0 = start.toEpochMilli();
        String gantt = Mermaid.gantt(report);
        assertEquals("  section pg-model-transform domains\n"
                + "  boroughs :done, " + (t0 + 100) + ", " + (t0 + 300) + "\n"
                + "  capital-planning :done, " + (t0 + 100) + ", " + (t0 + 900) + "\n"
                + "  pluto :crit, " + (t0 + 300) + ", " + (t0 + 700) + "\n",
                gantt.substring(gantt.indexOf("  section pg-model-transform domains")), gantt);
    }

    private static Map<String, Object> domainRun(String name, String status, Instant from, Instant to) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("domain", name);
        m.put("status", status);
        m.put("startedAt", from == null ? null : from.toString());
        m.put("finishedAt", to == null ? null : to.toString());
        return m;
    }
}
