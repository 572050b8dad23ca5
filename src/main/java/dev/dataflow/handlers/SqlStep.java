package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Step;
import dev.dataflow.db.SqlExecutor;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.DomainScheduler;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.plan.SideBySide;
import dev.dataflow.template.Rendered;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs SQL templates: the step's own templates in one transaction, then each domain's templates for this step, one
 * transaction per domain on its own connection.
 *
 * <p>A transform ({@code countTables}) runs domains with no path between them in the domain graph side by side, up
 * to {@code settings.transformParallelism} at once; a domain starts only once all its ancestors in the step have
 * committed. Each domain's output (its notices, then its tables' row counts) is printed as one block when it ends.
 * The first failure stops the rest: no other domain starts, and the running ones are cancelled and rolled back. Other
 * SQL steps (source creation) run their domains one by one.
 */
final class SqlStep implements StepHandler {
    private final boolean countTables;

    SqlStep(boolean countTables) {
        this.countTables = countTables;
    }

    @Override
    public boolean worksOn(Step step, Domain domain) {
        return !domain.templatesFor(step.id()).isEmpty();
    }

    @Override
    public Set<Resource> uses(Step step) {
        return Set.of("target".equals(step.database()) ? Resource.TARGET : Resource.FLOW);
    }

    @Override
    public boolean sideBySide() {
        return countTables;
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        boolean onTarget = "target".equals(ctx.planned().step().database());
        int scripts = 0;
        List<String> templates = ctx.planned().step().sql();
        if (!templates.isEmpty()) {
            List<Rendered> rendered = templates.stream().map(t -> ctx.render(t, null)).toList();
            runInTransaction(ctx, onTarget, rendered, ctx.stepId(), null, null, null);
            scripts += rendered.size();
        }
        // Render all first, so a template error is found before any domain's transaction starts.
        Map<String, List<Rendered>> byDomain = new LinkedHashMap<>();
        for (Domain d : ctx.domains()) {
            List<Rendered> rendered = new ArrayList<>();
            for (String t : d.templatesFor(ctx.stepId())) {
                rendered.add(ctx.render(t, d));
            }
            if (!rendered.isEmpty()) {
                byDomain.put(d.name(), rendered);
                scripts += rendered.size();
            }
        }
        List<String> order = List.copyOf(byDomain.keySet());
        int parallelism = countTables ? ctx.pipeline().settings().transformParallelism() : 1;
        Map<String, Set<String>> waits = SideBySide.waitsFor(ctx.pipeline(), order);
        Map<String, Map<String, Long>> countsByDomain = new ConcurrentHashMap<>();
        DomainScheduler.Outcome outcome = DomainScheduler.run(order, waits, parallelism, (name, control) -> {
            Domain d = ctx.pipeline().domain(name).orElseThrow();
            List<String> block = new ArrayList<>();
            long start = System.nanoTime();
            Map<String, Long> counts;
            try {
                counts = runInTransaction(ctx, onTarget, byDomain.get(name),
                        "step " + ctx.stepId() + ", domain " + name, control, countTables ? d.tables() : null, block);
            } catch (RuntimeException | SQLException e) {
                // The statements that ended before the failure, and their notices, still show, as one block.
                ctx.console().lines(block);
                throw e;
            }
            if (countTables) {
                countsByDomain.put(name, counts);
                StringBuilder sb = new StringBuilder("  " + name + " " + Console.seconds(System.nanoTime() - start) + ":");
                counts.forEach((t, n) -> sb.append(' ').append(t).append('=').append(Console.count(n)));
                block.add(sb.toString());
            }
            ctx.console().lines(block);
        });
        List<Map<String, Object>> domainRuns = outcome.runs().stream().map(DomainScheduler.DomainRun::toMap).toList();
        if (outcome.failure() != null) {
            List<String> stopped = outcome.runs().stream().filter(r -> r.status() == DomainScheduler.Status.CANCELLED
                    || r.status() == DomainScheduler.Status.NOT_RUN).map(r -> r.domain() + " ("
                    + (r.status() == DomainScheduler.Status.CANCELLED ? "stopped, rolled back" : "not started") + ")")
                    .toList();
            if (!stopped.isEmpty()) {
                ctx.console().line("  " + outcome.failedDomain() + " failed; " + String.join(", ", stopped));
            }
            DataflowException e = outcome.failure() instanceof DataflowException de ? de
                    : DataflowException.stepFailed("step " + ctx.stepId() + ", domain " + outcome.failedDomain() + ": "
                    + outcome.failure().getMessage(), null, outcome.failure());
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("domains", domainRuns);
            throw e.withDetails(details);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        order.forEach(d -> counts.putAll(countsByDomain.getOrDefault(d, Map.of())));
        String summary = scripts + " SQL file" + (scripts == 1 ? "" : "s");
        if (countTables && order.size() > 1) {
            int most = mostAtOnce(outcome.runs());
            summary += most > 1 ? ", up to " + most + " domains side by side" : ", one domain at a time";
        }
        // A transform's domains go to the run state and the report; other SQL steps run theirs one by one.
        return countTables ? StepOutcome.rows(counts, summary).withDetails(Map.of("domains", domainRuns))
                : StepOutcome.of(summary);
    }

    /** The most domains that ran at the same time, from their recorded starts and ends. */
    static int mostAtOnce(List<DomainScheduler.DomainRun> runs) {
        int most = 0;
        for (DomainScheduler.DomainRun r : runs) {
            if (r.startedAt() == null || r.finishedAt() == null) {
                continue;
            }
            int at = 0;
            for (DomainScheduler.DomainRun o : runs) {
                if (o.startedAt() != null && o.finishedAt() != null && !o.startedAt().isAfter(r.startedAt())
                        && o.finishedAt().isAfter(r.startedAt())) {
                    at++;
                }
            }
            most = Math.max(most, at);
        }
        return most;
    }

    /**
     * Runs the scripts in one transaction on a connection of their own and, with {@code tables}, counts their rows
     * before the commit. Notices go to {@code block} (or straight to the console when null). When the run is stopping
     * (another domain failed) the running statement is cancelled and nothing commits.
     */
    private Map<String, Long> runInTransaction(StepContext ctx, boolean onTarget, List<Rendered> scripts,
                                               String where, DomainScheduler.Control control, List<String> tables,
                                               List<String> block) throws SQLException {
        try (Connection c = onTarget ? ctx.databases().target() : ctx.databases().flow()) {
            if (control != null) {
                control.onStop(() -> cancel(c));
            }
            c.setAutoCommit(false);
            try {
                // Notices and statement lines go to the domain's block, printed as one when the domain ends.
                java.util.function.Consumer<String> lines = block == null ? line -> ctx.console().line("  " + line)
                        : line -> block.add("  " + line);
                for (Rendered r : scripts) {
                    stopIfAsked(control, where);
                    SqlExecutor.execute(c, r, where, lines, statementLines(ctx, lines));
                }
                Map<String, Long> counts = tables == null ? Map.of() : countRows(c, tables);
                stopIfAsked(control, where);
                c.commit();
                return counts;
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** A transform prints a line per statement (file:line, tag, rows, time) where its notices go. */
    private dev.dataflow.db.StatementListener statementLines(StepContext ctx, java.util.function.Consumer<String> sink) {
        return countTables ? new dev.dataflow.exec.StatementLines(ctx.console(), sink)
                : dev.dataflow.db.StatementListener.NONE;
    }

    private static void stopIfAsked(DomainScheduler.Control control, String where) {
        if (control != null && control.stopping()) {
            throw DataflowException.stepFailed(where + ": stopped because another domain failed", null, null);
        }
    }

    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException ignored) {
            // the statement ends on its own; the domain then stops before its commit
        }
    }

    private static Map<String, Long> countRows(Connection c, List<String> tables) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
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
