package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.db.SqlExecutor;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.template.Rendered;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs SQL templates: the step's own templates in one transaction, then each domain's templates for this step in
 * dependency order, one transaction per domain, each awaited before the next. With {@code countTables} (transform)
 * it reports the row count of every table the domain owns.
 */
final class SqlStep implements StepHandler {
    private final boolean countTables;

    SqlStep(boolean countTables) {
        this.countTables = countTables;
    }

    @Override
    public StepOutcome run(StepContext ctx) throws SQLException {
        boolean onTarget = "target".equals(ctx.planned().step().database());
        Map<String, Long> counts = new LinkedHashMap<>();
        int scripts = 0;
        List<String> templates = ctx.planned().step().sql();
        if (!templates.isEmpty()) {
            List<Rendered> rendered = templates.stream().map(t -> ctx.render(t, null)).toList();
            runInTransaction(ctx, onTarget, rendered, ctx.stepId());
            scripts += rendered.size();
        }
        for (Domain d : ctx.domains()) {
            List<String> own = d.templatesFor(ctx.stepId());
            if (own.isEmpty()) {
                continue;
            }
            // Render all first, so a template error is found before the domain's transaction starts.
            List<Rendered> rendered = new ArrayList<>();
            for (String t : own) {
                rendered.add(ctx.render(t, d));
            }
            long start = System.nanoTime();
            runInTransaction(ctx, onTarget, rendered, "step " + ctx.stepId() + ", domain " + d.name());
            scripts += rendered.size();
            if (countTables) {
                Map<String, Long> own2 = countRows(ctx, onTarget, d.tables());
                counts.putAll(own2);
                StringBuilder sb = new StringBuilder("  " + d.name() + " " + dev.dataflow.exec.Console.seconds(System.nanoTime() - start) + ":");
                own2.forEach((t, n) -> sb.append(' ').append(t).append('=').append(dev.dataflow.exec.Console.count(n)));
                ctx.console().line(sb.toString());
            }
        }
        String summary = scripts + " SQL file" + (scripts == 1 ? "" : "s");
        return countTables ? StepOutcome.rows(counts, summary) : StepOutcome.of(summary);
    }

    private static void runInTransaction(StepContext ctx, boolean onTarget, List<Rendered> scripts, String where)
            throws SQLException {
        try (Connection c = onTarget ? ctx.databases().target() : ctx.databases().flow()) {
            c.setAutoCommit(false);
            try {
                java.util.function.Consumer<String> lines = notice -> ctx.console().line("  " + notice);
                for (Rendered r : scripts) {
                    SqlExecutor.execute(c, r, where, lines, statementLines(ctx, lines));
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A transform prints a line per statement (file:line, tag, rows, time) where its notices go. */
    private static dev.dataflow.db.StatementListener statementLines(StepContext ctx,
                                                                     java.util.function.Consumer<String> sink) {
        return ctx.planned().step().kind() == dev.dataflow.config.StepKind.TRANSFORM
                ? new dev.dataflow.exec.StatementLines(ctx.console(), sink) : dev.dataflow.db.StatementListener.NONE;
    }

    private static Map<String, Long> countRows(StepContext ctx, boolean onTarget, List<String> tables) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = onTarget ? ctx.databases().target() : ctx.databases().flow();
             Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Identifiers.quote(t))) {
                    rs.next();
                    out.put(t, rs.getLong(1));
                } catch (SQLException e) {
                    throw DataflowException.stepFailed("cannot count rows of model table " + t + ": " + e.getMessage(),
                            "does pg:model:create run before this step?", e);
                }
            }
        }
        return out;
    }
}
