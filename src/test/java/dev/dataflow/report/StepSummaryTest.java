package dev.dataflow.report;

import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.StepResult;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GitHub step summary of a fixture run, as GitHub receives it: the tables, then two Mermaid blocks. */
class StepSummaryTest {
    @Test
    void summaryOfAFixtureRunEmbedsTheGraphAndTheGantt(@TempDir Path dir) throws Exception {
        MermaidTest.parse(dir);
        Plan plan = Planner.plan(MermaidTest.pipeline, Selection.flow(List.of("community-districts")));
        RunResult result = new RunResult(List.of(
                new StepResult("pg:source:load", List.of(), StepResult.Status.OK, Duration.ofMillis(900), 10, Map.of(), null, Map.of()),
                new StepResult("pg:model:transform", List.of(), StepResult.Status.OK, Duration.ofMillis(400), 10, Map.of(), null, Map.of()),
                new StepResult("pg:target:populate", List.of(), StepResult.Status.OK, Duration.ofMillis(300), 10, Map.of(), null, Map.of())));
        Instant start = Instant.parse("2026-12-06T00:00:00Z");
        Map<String, Object> report = RunReport.build("nyc", 3L, plan, result, Map.of(),
                new RunReport.Provenance("0.1.0-SNAPSHOT", null, "runner.jar flow"), start, start.plusMillis(1600), 0,
                "ok", null);
        Path summary = dir.resolve("summary.md");
        RunReport.appendMarkdown(report, summary);
        StepSummary.append(summary, Mermaid.graph(MermaidTest.pipeline, plan), report);

        String md = Files.readString(summary);
        Matcher m = Pattern.compile("```mermaid\n(.*?)```", Pattern.DOTALL).matcher(md);
        assertTrue(m.find(), md);
        String graph = m.group(1);
        assertTrue(m.find(), md);
        String gantt = m.group(1);
        assertTrue(!m.find(), "exactly two diagrams:\n" + md);
        assertTrue(graph.startsWith("flowchart LR\n"), graph);
        assertTrue(graph.contains("d_community_districts[\"community-districts (build, publish)\"]"), graph);
        assertTrue(graph.contains("d_boroughs --> d_community_districts"), graph);
        assertTrue(graph.contains("class d_community_districts publish"), graph);
        assertTrue(gantt.startsWith("gantt\n"), gantt);
        assertEquals(3, gantt.lines().filter(l -> l.contains(":done, ")).count(), gantt);
        assertTrue(gantt.contains("  pg-target-populate :done, " + (start.toEpochMilli() + 1300) + ", "
                + (start.toEpochMilli() + 1600)), gantt);
        assertTrue(md.indexOf("| step | status |") < md.indexOf("```mermaid"), "the tables come first");
    }
}
