package dev.dataflow.exec;

import dev.dataflow.db.StatementListener;

import java.util.function.Consumer;

/**
 * The line a transform prints for each statement when it ends: {@code sql/transform/pluto.sql:74 INSERT 860,000 rows
 * 12.3s}. Lines go to a sink of the caller's (a domain's block when domains run side by side, so that they are printed
 * together); while a statement runs, the console's live line shows it with its time so far (on a terminal).
 */
public final class StatementLines implements StatementListener {
    private final Console console;
    private final Consumer<String> sink;

    public StatementLines(Console console, Consumer<String> sink) {
        this.console = console;
        this.sink = sink;
    }

    @Override
    public void started(String where, String tag) {
        LiveStatements.of(console).started(this, where + " " + tag);
    }

    @Override
    public void finished(String where, String tag, long rows, long nanos) {
        LiveStatements.of(console).finished(this);
        if (nanos >= 0) {
            sink.accept(line(where, tag, rows, nanos));
        }
    }

    /** "sql/transform/pluto.sql:74 INSERT 860,000 rows 12.3s"; no rows part for commands that count none. */
    public static String line(String where, String tag, long rows, long nanos) {
        String counted = rows < 0 ? "" : " " + Console.count(rows) + (rows == 1 ? " row" : " rows");
        return where + " " + tag + counted + " " + Console.seconds(nanos);
    }
}
