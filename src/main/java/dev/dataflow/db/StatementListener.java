package dev.dataflow.db;

/**
 * Told when each statement of a script starts and ends, for progress output. {@code where} is the statement's
 * {@code template:line}; {@code rows} is its row count, or -1 when its command does not count rows.
 */
public interface StatementListener {
    StatementListener NONE = new StatementListener() {
    };

    default void started(String where, String tag) {
    }

    default void finished(String where, String tag, long rows, long nanos) {
    }
}
