package dev.dataflow.report;

import dev.dataflow.DataflowException;
import dev.dataflow.secret.Redactor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The pictures of the GitHub step summary, after the run report's tables: the domain graph of the selection and the
 * Gantt chart of the run, as Mermaid blocks that GitHub draws.
 */
public final class StepSummary {
    private StepSummary() {
    }

    public static String diagrams(String graph, Map<String, Object> report) {
        return "\n#### Domains (amber: rebuilt, green: published)\n\n```mermaid\n" + graph + "```\n"
                + "\n#### Timeline\n\n```mermaid\n" + Mermaid.gantt(report) + "```\n";
    }

    public static void append(Path file, String graph, Map<String, Object> report) {
        try {
            Files.writeString(file, Redactor.current().redact(diagrams(graph, report)), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DataflowException("cannot write the step summary " + file + ": " + e.getMessage(), null,
                    DataflowException.INTERNAL, e);
        }
    }
}
