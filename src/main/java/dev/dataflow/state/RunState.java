package dev.dataflow.state;

import dev.dataflow.secret.Redactor;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataflow.DataflowException;
import dev.dataflow.config.Pipeline;
import dev.dataflow.exec.RunListener;
import dev.dataflow.exec.StepResult;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.Selection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of runs in the flow database ({@code dataflow.run}, {@code dataflow.run_step}): the selection and plan,
 * each step's status, timing, rows and input fingerprint. Holding it also holds the flow database's run lock, so two
 * runs against one flow database never overlap.
 */
public final class RunState implements RunListener, AutoCloseable {
    static final String LOCK_KEY = "data-flow:run";
    static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final long runId;

    private RunState(Connection connection, long runId) {
        this.connection = connection;
        this.runId = runId;
    }

    /** Takes the run lock (or fails naming the other run) and records a new run. The connection is kept. */
    public static RunState begin(Connection connection, Pipeline pipeline, Plan plan) {
        try {
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(hashtext('" + LOCK_KEY + "'))")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    String other = describeHolder(connection);
                    connection.close();
                    throw DataflowException.stepFailed("another data-flow run is using this flow database" + other,
                            "wait for it to finish; two runs on one flow database would overwrite each other's tables",
                            null);
                }
            }
            createSchema(connection);
            long id;
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO dataflow.run (pipeline, status, "
                    + "selection, plan, pid) VALUES (?, 'running', ?::jsonb, ?::jsonb, pg_backend_pid()) RETURNING id")) {
                ps.setString(1, pipeline.name());
                ps.setString(2, JSON.writeValueAsString(selectionJson(plan.selection())));
                ps.setString(3, JSON.writeValueAsString(plan.steps().stream()
                        .map(s -> Map.of("step", s.step().id(), "domains", s.domains())).toList()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO dataflow.run_step (run_id, position, "
                    + "step_id, domains, status) VALUES (?, ?, ?, ?, 'pending')")) {
                for (int i = 0; i < plan.steps().size(); i++) {
                    ps.setLong(1, id);
                    ps.setInt(2, i);
                    ps.setString(3, plan.steps().get(i).step().id());
                    ps.setArray(4, connection.createArrayOf("text", plan.steps().get(i).domains().toArray()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new RunState(connection, id);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw DataflowException.stepFailed("cannot record the run in the flow database: " + e.getMessage(), null, e);
        }
    }

    private static String describeHolder(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, started_at, pid FROM "
                + "dataflow.run WHERE status = 'running' ORDER BY id DESC LIMIT 1")) {
            if (rs.next()) {
                return " (run " + rs.getLong(1) + ", started " + rs.getTimestamp(2) + ", server pid " + rs.getInt(3) + ")";
            }
        } catch (SQLException ignored) {
            // the table may not exist yet
        }
        return "";
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS dataflow");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS dataflow.run (
                        id bigserial PRIMARY KEY,
                        pipeline text NOT NULL,
                        started_at timestamptz NOT NULL DEFAULT now(),
                        finished_at timestamptz,
                        status text NOT NULL,
                        selection jsonb NOT NULL,
                        plan jsonb NOT NULL,
                        pid integer,
                        exit_reason text)""");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS dataflow.run_step (
                        run_id bigint NOT NULL REFERENCES dataflow.run ON DELETE CASCADE,
                        position integer NOT NULL,
                        step_id text NOT NULL,
                        domains text[] NOT NULL,
                        status text NOT NULL,
                        started_at timestamptz,
                        duration_ms bigint,
                        rows bigint,
                        table_rows jsonb,
                        fingerprint text,
                        message text,
                        PRIMARY KEY (run_id, position))""");
            // One row per domain of a step that runs domains side by side (a transform): when each started and
            // ended, and how, so that status and resume can tell what committed before a failure.
            s.execute("""
                    CREATE TABLE IF NOT EXISTS dataflow.run_domain (
                        run_id bigint NOT NULL,
                        position integer NOT NULL,
                        domain text NOT NULL,
                        status text NOT NULL,
                        started_at timestamptz,
                        finished_at timestamptz,
                        message text,
                        PRIMARY KEY (run_id, position, domain),
                        FOREIGN KEY (run_id, position) REFERENCES dataflow.run_step ON DELETE CASCADE)""");
        }
    }

    public long runId() {
        return runId;
    }

    @Override
    public void stepStarted(int position, Plan.PlannedStep step) {
        update("UPDATE dataflow.run_step SET status = 'running', started_at = now() WHERE run_id = ? AND position = ?",
                position);
    }

    @Override
    public void stepFinished(int position, Plan.PlannedStep step, StepResult result) {
        // The fingerprint the plan was made with: a step that did not succeed has none, so resume runs it again.
        String fingerprint = result.status() == StepResult.Status.OK ? step.fingerprint() : null;
        try (PreparedStatement ps = connection.prepareStatement("UPDATE dataflow.run_step SET status = ?, "
                + "duration_ms = ?, rows = ?, table_rows = ?::jsonb, fingerprint = ?, message = ? "
                + "WHERE run_id = ? AND position = ?")) {
            ps.setString(1, result.status().name().toLowerCase());
            ps.setLong(2, result.duration().toMillis());
            ps.setLong(3, result.rows());
            ps.setString(4, JSON.writeValueAsString(result.tableRows()));
            ps.setString(5, fingerprint);
            ps.setString(6, Redactor.current().redact(result.message()));
            ps.setLong(7, runId);
            ps.setInt(8, position);
            ps.executeUpdate();
            recordDomains(position, result);
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataflowException.stepFailed("cannot record step " + step.step().id() + ": " + e.getMessage(), null, e);
        }
    }

    private void recordDomains(int position, StepResult result) throws SQLException {
        if (!(result.details().get("domains") instanceof List<?> domains) || domains.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO dataflow.run_domain (run_id, position, "
                + "domain, status, started_at, finished_at, message) VALUES (?, ?, ?, ?, ?::timestamptz, "
                + "?::timestamptz, ?)")) {
            for (Object o : domains) {
                if (!(o instanceof Map<?, ?> m)) {
                    continue;
                }
                ps.setLong(1, runId);
                ps.setInt(2, position);
                ps.setString(3, String.valueOf(m.get("domain")));
                ps.setString(4, String.valueOf(m.get("status")));
                ps.setString(5, (String) m.get("startedAt"));
                ps.setString(6, (String) m.get("finishedAt"));
                ps.setString(7, Redactor.current().redact((String) m.get("message")));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Records how the run ended and releases the lock. */
    public void finish(boolean ok, String exitReason) {
        finish(ok ? "ok" : "failed", exitReason);
    }

    /** Records how the run ended: {@code ok}, {@code failed} or {@code interrupted}. */
    public void finish(String status, String exitReason) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE dataflow.run SET status = ?, finished_at = now(), "
                + "exit_reason = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, Redactor.current().redact(exitReason));
            ps.setLong(3, runId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DataflowException.stepFailed("cannot record the end of the run: " + e.getMessage(), null, e);
        }
    }

    @Override
    public void close() {
        try (Statement s = connection.createStatement()) {
            s.execute("UPDATE dataflow.run SET status = 'interrupted', finished_at = now() WHERE id = " + runId
                    + " AND status = 'running'");
            s.execute("SELECT pg_advisory_unlock(hashtext('" + LOCK_KEY + "'))");
        } catch (SQLException ignored) {
            // closing the connection releases the session lock anyway
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    private void update(String sql, int position) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, runId);
            ps.setInt(2, position);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw DataflowException.stepFailed("cannot record run state: " + e.getMessage(), null, e);
        }
    }

    static Map<String, Object> selectionJson(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("groups", s.groups());
        m.put("steps", s.steps());
        m.put("from", s.from());
        m.put("domains", s.domains());
        return m;
    }
}
