package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Takes locks on target tables the way a busy API can live with: each attempt waits at most {@code timeoutMs} for a lock
 * (a lock request that waits makes every later API read of the table queue behind it), gives everything it took
 * back on a timeout, and tries again after a pause that doubles; after the last attempt it names the sessions in the
 * way and fails, having changed nothing.
 */
public record LockAttempts(int timeoutMs, int retries, Consumer<String> say) {
    // The first pause; each next one doubles it, up to MAX_PAUSE_MS: 5 retries wait 0.2 + 0.4 + 0.8 + 1.6 + 3.2 s.
    private static final long FIRST_PAUSE_MS = 200;
    private static final long MAX_PAUSE_MS = 5_000;

    /** Work done while the attempt's lock timeout applies; SQLState 55P03 from it means "try again". */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} inside the caller's transaction under a savepoint and {@code lock_timeout}; {@code what} says
     * what the locks are for and {@code tables} (qualified names) where to look for the sessions that block it.
     */
    public <T> T run(Connection c, String what, List<String> tables, Work<T> work) throws SQLException {
        String saved = setting(c);
        for (int attempt = 0; ; attempt++) {
            Savepoint sp = c.setSavepoint();
            try {
                setTimeout(c, timeoutMs + "ms");
                T result = work.run(c);
                setTimeout(c, saved);
                c.releaseSavepoint(sp);
                return result;
            } catch (SQLException e) {
                c.rollback(sp);
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
                List<String> cancelled = cancelAutovacuum(c, tables);
                if (!cancelled.isEmpty() && attempt < retries) {
                    // As PostgreSQL itself does for a lock request an autovacuum blocks for deadlock_timeout (1 s by
                    // default), which is longer than API reads should queue behind the request.
                    say.accept("  " + what + ": cancelled " + String.join(", ", cancelled) + ", which held a lock "
                            + "it needs (autovacuum comes back later); trying again");
                    continue;
                }
                if (attempt >= retries) {
                    List<String> blockers = blockers(c, tables);
                    throw DataflowException.stepFailed("gave up taking the locks to " + what + " after "
                            + (attempt + 1) + " attempts of " + timeoutMs + " ms each; nothing was changed. "
                            + (blockers.isEmpty() ? "No session holds a lock on the tables any more."
                            : "In the way: " + String.join("; ", blockers)),
                            "end or shorten those transactions, or raise settings.lockTimeoutMs / settings.lockRetries",
                            e);
                }
                long pause = Math.min(MAX_PAUSE_MS, FIRST_PAUSE_MS << Math.min(attempt, 20));
                say.accept("  " + what + ": a lock was not granted within " + timeoutMs + " ms; trying again in "
                        + String.format(Locale.US, "%.1f", pause / 1000.0) + " s (" + (retries - attempt)
                        + (retries - attempt == 1 ? " try" : " tries") + " left)");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to retry a lock", ie);
                }
            }
        }
    }

    /** Other sessions holding a lock on any of the tables: pid, application, state, how long their transaction ran. */
    public static List<String> blockers(Connection c, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.pid, coalesce(nullif(a.application_name, ''), a.backend_type), coalesce(a.state, '?'),
                       extract(epoch FROM clock_timestamp() - a.xact_start),
                       string_agg(DISTINCT quote_ident(n.nspname) || '.' || quote_ident(r.relname) || ' ' || l.mode, ', ')
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                JOIN pg_class r ON r.oid = l.relation JOIN pg_namespace n ON n.oid = r.relnamespace
                WHERE l.granted AND l.pid <> pg_backend_pid() AND l.locktype = 'relation'
                  AND l.relation IN (SELECT to_regclass(x) FROM unnest(?::text[]) x)
                GROUP BY 1, 2, 3, 4 ORDER BY 4 DESC NULLS LAST""")) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double secs = rs.getDouble(4);
                    boolean noTransaction = rs.wasNull();
                    out.add("pid " + rs.getInt(1) + " (application '" + rs.getString(2) + "', " + rs.getString(3)
                            + (noTransaction ? "" : String.format(Locale.US, ", transaction open %.1f s", secs))
                            + ", holding " + rs.getString(5) + ")");
                }
            }
        }
        return out;
    }

    /**
     * Cancels the autovacuum workers (not those preventing wraparound) holding a lock on the tables, when this user may;
     * returns what it cancelled.
     */
    private static List<String> cancelAutovacuum(Connection c, List<String> tables) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT a.pid, a.query FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.granted AND a.backend_type = 'autovacuum worker' AND a.query NOT LIKE '%to prevent wraparound%'
                  AND l.relation IN (SELECT to_regclass(x) FROM unnest(?::text[]) x)""")) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            List<Object[]> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Object[] {rs.getInt(1), rs.getString(2)});
                }
            }
            for (Object[] f : found) {
                try (PreparedStatement cancel = c.prepareStatement("SELECT pg_cancel_backend(?)")) {
                    cancel.setInt(1, (Integer) f[0]);
                    Savepoint sp = c.setSavepoint();
                    try (ResultSet rs = cancel.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            out.add("pid " + f[0] + " (" + f[1] + ")");
                        }
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        c.rollback(sp); // not allowed to: wait and try again like for any other session
                    }
                }
            }
        }
        return out;
    }

    private static String setting(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('lock_timeout')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void setTimeout(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }
}
