package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.db.TableColumns;
import dev.dataflow.db.CopyPipe;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies the model tables from the flow database into the target's tables (or their shadow twins) by binary COPY,
 * piped straight from one server to the other, and checks each table's count on both ends.
 */
final class ModelCopier {
    private ModelCopier() {
    }

    /** Each target table's column names; fails when a table does not exist in the target. */
    static Map<String, List<String>> targetColumns(StepContext ctx, Connection target, String schema,
                                                  List<String> tables) throws SQLException {
        Map<String, List<String>> columns = TableColumns.read(target, schema, tables.stream().map(Identifiers::bare).toList());
        for (String t : tables) {
            if (columns.get(Identifiers.bare(t)).isEmpty()) {
                throw DataflowException.stepFailed("target table " + t + " does not exist in the "
                        + ctx.pipeline().target().describe(), null, null);
            }
        }
        return columns;
    }

    /** The quoted target columns of each table, all of which its model table must have; extra columns stay behind. */
    static Map<String, String> copyColumns(StepContext ctx, Connection flow, List<String> tables,
                                           Map<String, List<String>> targetColumns) throws SQLException {
        Map<String, List<String>> flowColumns = TableColumns.read(flow, ctx.pipeline().flow().schema(),
                tables.stream().map(Identifiers::bare).toList());
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : tables) {
            List<String> targetCols = targetColumns.get(Identifiers.bare(t));
            List<String> flowCols = flowColumns.get(Identifiers.bare(t));
            if (flowCols.isEmpty()) {
                throw DataflowException.stepFailed("model table " + t + " does not exist in the flow database",
                        "run pg:model:create and pg:model:transform first", null);
            }
            List<String> missing = targetCols.stream().filter(c -> !flowCols.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw DataflowException.stepFailed("model table " + t + " lacks target columns "
                        + String.join(", ", missing), "rerun pg:model:create", null);
            }
            out.put(t, targetCols.stream().map(Identifiers::quoteExact).collect(Collectors.joining(", ")));
        }
        return out;
    }

    /** Copies every table of {@code ready}, in its order, into the same-named tables of {@code intoSchema}. */
    static Map<String, Long> copyAll(StepContext ctx, Connection flow, Connection target, PopulateStep.Ready ready,
                                     String intoSchema, boolean freeze) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String t : ready.order()) {
            long start = System.nanoTime();
            long n = copyTable(ctx, flow, target, qualified(ctx.pipeline().flow().schema(), t),
                    qualified(intoSchema, t), t, ready.copyColumns().get(t), freeze);
            rows.put(t, n);
            ctx.console().line("  " + t + " " + Console.count(n) + " rows " + Console.seconds(System.nanoTime() - start));
        }
        return rows;
    }

    private static long copyTable(StepContext ctx, Connection flow, Connection target, String from, String into,
                                  String table, String cols, boolean freeze) throws SQLException {
        // The table form reads the heap directly; COPY (SELECT ...) would run it through the executor, which costs the
        // flow server ~10% more CPU. Model tables are always plain tables (pg:model:create makes them). FREEZE, for a
        // shadow table made in this transaction, writes the rows already frozen: the API's first reads after the
        // swap then set no hint bits and vacuum has nothing to freeze later.
        String out = "COPY " + from + " (" + cols + ") TO STDOUT (FORMAT binary)";
        String in = "COPY " + into + " (" + cols + ") FROM STDIN (FORMAT binary" + (freeze ? ", FREEZE" : "") + ")";
        long start = System.nanoTime();
        try {
            CopyPipe.Counts n = CopyPipe.run(flow.unwrap(PGConnection.class), out, target.unwrap(PGConnection.class), in,
                    (rows, bytes) -> ctx.console().progress(() -> String.format(Locale.US, "  %s: %s, %.1f MiB",
                            table, Console.rows(rows, System.nanoTime() - start), bytes / 1048576.0)));
            if (n.in() != n.out()) {
                throw DataflowException.stepFailed("row count check failed for " + table + ": model has " + n.out()
                        + " rows, the target accepted " + n.in(), null, null);
            }
            return n.in();
        } catch (SQLException e) {
            throw DataflowException.stepFailed("copying " + table + " into the target failed: " + e.getMessage(),
                    "model and target column types must match exactly for binary COPY; rerun pg:model:create", e);
        }
    }

    static String qualified(String schema, String table) {
        return Identifiers.quote(schema) + "." + Identifiers.quote(table);
    }
}
