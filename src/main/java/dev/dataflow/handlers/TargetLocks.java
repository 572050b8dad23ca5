package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.exec.StepContext;
import dev.dataflow.schema.LockAttempts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The locks a populate or a rollback takes on the target database before it reads the catalog: the advisory lock that
 * serialises every data-flow publish, then ACCESS SHARE on the published tables, so API reads and writes go on but no
 * ALTER (or another TRUNCATE) can commit on them until the transaction ends, and the definitions the drift check
 * reads are the ones the copy meets.
 */
final class TargetLocks {
    /** The advisory lock every populate and rollback of any data-flow run takes on the target. */
    static final String LOCK_KEY = "data-flow:target:populate";

    private TargetLocks() {
    }

    /** Takes the advisory lock, waiting up to 10 minutes for another populate to finish. */
    static void advisory(StepContext ctx, Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(hashtext('" + LOCK_KEY + "'))")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return;
                }
            }
            ctx.console().line("  another populate is running on the target; waiting for it to finish (up to 10 min)");
            s.execute("SET LOCAL lock_timeout = '10min'");
            try {
                s.execute("SELECT pg_advisory_xact_lock(hashtext('" + LOCK_KEY + "'))");
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) {
                    throw DataflowException.stepFailed("another populate held the target's lock for over 10 minutes",
                            "look for another data-flow run against this API database", e);
                }
                throw e;
            }
            s.execute("SET LOCAL lock_timeout = 0");
        }
    }

    /**
     * ACCESS SHARE on the {@code tables} (qualified), each attempt under the lock timeout: an API migration's ALTER
     * in flight makes the populate retry, then give up naming it, instead of queueing API reads behind it. False when
     * a table does not exist (the caller names it).
     */
    static boolean share(Connection target, List<String> tables, LockAttempts attempts) throws SQLException {
        try {
            attempts.run(target, "hold the published tables' definitions", tables, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS SHARE MODE");
                }
                return null;
            });
            return true;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }
}
