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
import java.util.ArrayList;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Connection connection;
    private final Pipeline pipeline;
    private final long runId;

    private RunState(Connection connection, Pipeline pipeline, long runId) {
        this.connection = connection;
        this.pipeline = pipeline;
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
            return new RunState(connection, pipeline, id);
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
        String fingerprint = null;
        if (result.status() == StepResult.Status.OK) {
            try {
                fingerprint = Fingerprints.of(pipeline, step);
            } catch (RuntimeException e) {
                fingerprint = null;
            }
        }
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

    /** A domain's run within a recorded step. */
    public record DomainRecord(int position, String domain, String status, String startedAt, String finishedAt) {
    }

    /** The domains recorded for the steps of a run, in the order they started. */
    public static List<DomainRecord> domains(Connection c, long runId) throws SQLException {
        List<DomainRecord> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT to_regclass('dataflow.run_domain') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return out;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT position, domain, status, started_at::text, "
                + "finished_at::text FROM dataflow.run_domain WHERE run_id = ? ORDER BY position, started_at NULLS LAST, domain")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DomainRecord(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
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

    /** A recorded run, for status and resume. */
    public record Run(long id, String status, String startedAt, String finishedAt, Selection selection,
                      List<StepRecord> steps, String exitReason) {
    }

    /** A recorded step of a run. */
    public record StepRecord(int position, String stepId, String status, Long durationMs, Long rows, String fingerprint,
                             String message) {
    }

    /** The last {@code limit} runs, newest first; empty when nothing was ever recorded. */
    public static List<Run> recent(Connection c, int limit) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT to_regclass('dataflow.run') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return runs;
            }
        }
        // A run still marked running whose session no longer holds the run lock died without a trace (kill -9, a
        // lost machine): the lock went with its session, so it is shown as interrupted.
        try (PreparedStatement ps = c.prepareStatement("SELECT id, CASE WHEN status = 'running' AND NOT EXISTS ("
                + "SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = r.pid AND l.granted "
                + "AND l.objid = (hashtext('" + LOCK_KEY + "')::bigint & 4294967295)::oid) THEN 'interrupted' ELSE status END, "
                + "started_at::text, finished_at::text, selection::text, exit_reason FROM dataflow.run r "
                + "ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            parseSelection(rs.getString(5)), List.of(), rs.getString(6)));
                }
            }
        }
        List<Run> withSteps = new ArrayList<>();
        for (Run r : runs) {
            List<StepRecord> steps = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT position, step_id, status, duration_ms, rows, "
                    + "fingerprint, message FROM dataflow.run_step WHERE run_id = ? ORDER BY position")) {
                ps.setLong(1, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(new StepRecord(rs.getInt(1), rs.getString(2), rs.getString(3),
                                (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            withSteps.add(new Run(r.id(), r.status(), r.startedAt(), r.finishedAt(), r.selection(), steps, r.exitReason()));
        }
        return withSteps;
    }

    @SuppressWarnings("unchecked")
    private static Selection parseSelection(String json) {
        try {
            Map<String, Object> m = JSON.readValue(json, Map.class);
            return new Selection((List<String>) m.get("groups"), (List<String>) m.get("steps"), (String) m.get("from"),
                    (List<String>) m.get("domains"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataflowException.stepFailed("unreadable run record: " + e.getMessage(), null, e);
        }
    }
}
