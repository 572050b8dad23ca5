package dev.dataflow.template;

import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the variables a template sees: {@code domain}, {@code tables}, {@code sources}, {@code step},
 * {@code flow}/{@code target} (non-secret settings only) and the user's {@code vars}.
 */
public final class TemplateContext {
    private TemplateContext() {
    }

    public static Map<String, Object> forStep(Pipeline pipeline, String stepId, Domain domain, List<String> domains) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("step", Map.of("id", stepId));
        ctx.put("vars", values(pipeline.vars()));
        ctx.put("flow", Map.of("schema", pipeline.flow().schema()));
        ctx.put("target", Map.of("schema", pipeline.target().schema()));
        ctx.put("domains", domains);
        if (domain != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", domain.name());
            d.put("parents", domain.parents());
            d.put("tables", domain.tables());
            d.put("sources", domain.sources().stream().map(TemplateContext::source).toList());
            ctx.put("domain", d);
            ctx.put("tables", domain.tables());
            ctx.put("sources", d.get("sources"));
        }
        return ctx;
    }

    /** Every scalar of {@code vars} as a {@link SqlValue}, so {@code {{vars.x}}} renders a checked literal. */
    private static Object values(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), values(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TemplateContext::values).toList();
        }
        return v == null ? null : new SqlValue(String.valueOf(v));
    }

    private static Map<String, Object> source(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("table", s.table());
        m.put("columns", s.columns());
        m.put("file", s.fileName());
        return m;
    }
}
