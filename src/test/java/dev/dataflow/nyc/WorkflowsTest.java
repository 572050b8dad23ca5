package dev.dataflow.nyc;

import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import dev.dataflow.plan.Planner;
import dev.dataflow.plan.Selection;
import dev.dataflow.report.Mermaid;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the GitHub workflows promise (actionlint checks their syntax in scripts/test.sh), and the README's graph, which
 * is plan --graph's output for the whole flow.
 */
class WorkflowsTest {
    @Test
    @SuppressWarnings("unchecked")
    void theFlowWorkflowReadsOnlyAndUploadsReportAndSqlAlways() throws Exception {
        Map<String, Object> wf = WorkflowDomainsTest.yaml(".github/workflows/data-flow.yml");
        assertEquals(Map.of("contents", "read"), wf.get("permissions"));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get("flow");
        assertTrue(String.valueOf(((Map<String, Object>) job.get("env")).get("FLOW_DATABASE_URL"))
                .contains("secrets.FLOW_DATABASE_URL"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
        List<String> uploaded = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact"))
                .peek(s -> assertEquals("always()", s.get("if"), s.toString()))
                .map(s -> String.valueOf(((Map<String, Object>) s.get("with")).get("path"))).toList();
        assertEquals(List.of("target/run-report.json", "target/rendered/"), uploaded);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReviewWorkflowValidatesAndRendersEveryFlowChange() throws Exception {
        Map<String, Object> wf = WorkflowDomainsTest.yaml(".github/workflows/review.yml");
        assertEquals(Map.of("contents", "read"), wf.get("permissions"));
        Map<String, Object> pr = (Map<String, Object>) ((Map<String, Object>) wf.get("on")).get("pull_request");
        assertEquals(List.of("pipeline.yaml", "sql/**", "data/**", "drizzle/**"), pr.get("paths"));
        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) wf.get("jobs")).get("render");
        String runs = ((List<Map<String, Object>>) job.get("steps")).stream().map(s -> String.valueOf(s.get("run")))
                .reduce("", String::concat);
        assertTrue(runs.contains("runner.jar validate") && runs.contains("runner.jar render"), runs);
    }

    @Test
    void theReadmeShowsTheGraphPlanGraphPrints() throws Exception {
        Pipeline p = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(Path.of("pipeline.yaml"));
        String graph = Mermaid.graph(p, Planner.plan(p, Selection.flow(List.of())));
        String readme = Files.readString(Path.of("README.md"));
        String between = readme.substring(readme.indexOf("<!-- plan --graph: begin -->"), readme.indexOf("<!-- plan --graph: end -->"));
        assertEquals("<!-- plan --graph: begin -->\n```mermaid\n" + graph + "```\n", between,
                "regenerate the README's graph with: java -jar target/runner.jar plan --graph");
    }
}
