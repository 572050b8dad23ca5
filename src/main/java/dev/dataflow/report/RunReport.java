package dev.dataflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dataflow.DataflowException;
import dev.dataflow.secret.Redactor;
import dev.dataflow.exec.RunResult;
import dev.dataflow.exec.StepResult;
import dev.dataflow.plan.Plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record a run leaves: a JSON report (schema in docs/run-report.schema.json) and, in GitHub Actions, a Markdown
 * summary. It holds names, counts and timings only; connection settings and secrets are never written.
 */
public final class RunReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {
    }

    /** Where the report comes from: the tool's version, the pipeline's git commit (or null), the command line. */
    public record Provenance(String version, String gitCommit, String commandLine) {
    }

    /**
     * The report of a run. {@code plan} is null when the run stopped before planning (a configuration error);
     * {@code stepStarts} holds each step's start time by step id.
     */
    public static Map<String, Object> build(String pipeline, Long runId, Plan plan, RunResult result,
                                            Map<String, Instant> stepStarts, Provenance provenance, Instant started,
                                            Instant finished, int exitCode, String status, String exitReason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("reportVersion", VERSION);
        r.put("pipeline", pipeline);
        r.put("runId", runId);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", "data-flow");
        tool.put("version", provenance.version());
        r.put("tool", tool);
        r.put("gitCommit", provenance.gitCommit());
        r.put("commandLine", provenance.commandLine());
        r.put("startedAt", started.toString());
        r.put("finishedAt", finished.toString());
        r.put("durationMs", Math.max(0, finished.toEpochMilli() - started.toEpochMilli()));
        r.put("status", status);
        r.put("exitCode", exitCode);
        r.put("exitReason", exitReason);
        Map<String, Object> selection = null;
        if (plan != null) {
            selection = new LinkedHashMap<>();
            selection.put("groups", plan.selection().groups());
            selection.put("steps", plan.selection().steps());
            selection.put("from", plan.selection().from());
            selection.put("domains", plan.selection().domains());
        }
        r.put("selection", selection);
        r.put("build", plan == null ? List.of() : plan.build());
        r.put("publish", plan == null ? List.of() : plan.publish());
        List<Map<String, Object>> steps = new ArrayList<>();
        List<Object> checks = new ArrayList<>();
        List<Object> downloads = new ArrayList<>();
        for (StepResult s : result.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.stepId());
            m.put("domains", s.domains());
            m.put("status", s.status().name().toLowerCase());
            Instant at = stepStarts.get(s.stepId());
            m.put("startedAt", at == null ? null : at.toString());
            m.put("durationMs", s.duration().toMillis());
            m.put("rows", s.rows());
            m.put("tableRows", s.tableRows());
            m.put("message", s.message());
            if (s.details().get("domains") instanceof List<?> l) {
                // a transform's domains: each one's status, start and end, which ran side by side
                m.put("domainRuns", l);
            }
            steps.add(m);
            if (s.details().get("checks") instanceof List<?> l) {
                checks.addAll(l);
            }
            if (s.details().get("downloads") instanceof List<?> l) {
                downloads.addAll(l);
            }
        }
        r.put("steps", steps);
        r.put("checks", checks);
        r.put("downloads", downloads);
        return r;
    }

    /** The report's format version: 2 added tool, gitCommit, commandLine, step start times, samples as objects. */
    public static final int VERSION = 2;

    @SuppressWarnings("unchecked")
    public static void write(Map<String, Object> report, Path file) {
        report = (Map<String, Object>) Redactor.current().redactTree(report);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), report);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataflowException("cannot write the run report " + file + ": " + e.getMessage(), null,
                    DataflowException.INTERNAL, e);
        }
    }

    /** Appends a Markdown summary, as GitHub Actions reads from $GITHUB_STEP_SUMMARY. */
    @SuppressWarnings("unchecked")
    public static void appendMarkdown(Map<String, Object> report, Path file) {
        report = (Map<String, Object>) Redactor.current().redactTree(report);
        StringBuilder md = new StringBuilder();
        md.append("### data-flow ").append(report.get("pipeline")).append(": ")
                .append("ok".equals(report.get("status")) ? "succeeded"
                        : String.valueOf(report.get("status")).toUpperCase(java.util.Locale.ROOT)).append("\n\n");
        md.append("Domains built: ").append(report.get("build")).append("; published: ").append(report.get("publish"))
                .append("\n\n| step | status | time | rows |\n|---|---|---:|---:|\n");
        for (Map<String, Object> s : (List<Map<String, Object>>) report.get("steps")) {
            md.append("| ").append(s.get("id")).append(" | ").append(s.get("status")).append(" | ")
                    .append(String.format(java.util.Locale.US, "%.1f s", ((Number) s.get("durationMs")).longValue() / 1000.0))
                    .append(" | ").append(s.get("rows")).append(" |\n");
        }
        List<Map<String, Object>> checks = (List<Map<String, Object>>) report.get("checks");
        if (!checks.isEmpty()) {
            md.append("\n| check | table | severity | result |\n|---|---|---|---|\n");
            for (Map<String, Object> c : checks) {
                md.append("| ").append(c.get("name")).append(" | ").append(c.get("table")).append(" | ")
                        .append(c.get("severity")).append(" | ")
                        .append(String.valueOf(c.get("status")).toUpperCase(java.util.Locale.ROOT)).append(" |\n");
            }
        }
        if (report.get("exitReason") != null) {
            md.append("\n").append(String.valueOf(report.get("exitReason")).replace("|", "\\|")).append("\n");
        }
        try {
            Files.writeString(file, Redactor.current().redact(md.toString()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DataflowException("cannot write the step summary " + file + ": " + e.getMessage(), null,
                    DataflowException.INTERNAL, e);
        }
    }
}
