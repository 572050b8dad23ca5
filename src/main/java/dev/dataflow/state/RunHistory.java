package dev.dataflow.state;

import dev.dataflow.DataflowException;
import dev.dataflow.plan.Selection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The runs recorded in the flow database by {@link RunState}, read back for {@code status} and {@code resume}. */
public final class RunHistory {
    private RunHistory() {
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
        if (!exists(c, "dataflow.run")) {
            return runs;
        }
        // A run still marked running whose session no longer holds the run lock died without a trace (kill -9, a
        // lost machine): the lock went with its session, so it is shown as interrupted.
        try (PreparedStatement ps = c.prepareStatement("SELECT id, CASE WHEN status = 'running' AND NOT EXISTS ("
                + "SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = r.pid AND l.granted "
                + "AND l.objid = (hashtext('" + RunState.LOCK_KEY + "')::bigint & 4294967295)::oid) THEN 'interrupted' ELSE status END, "
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

    /** A domain's run within a recorded step. */
    public record DomainRecord(int position, String domain, String status, String startedAt, String finishedAt) {
    }

    /** The domains recorded for the steps of a run, in the order they started. */
    public static List<DomainRecord> domains(Connection c, long runId) throws SQLException {
        List<DomainRecord> out = new ArrayList<>();
        if (!exists(c, "dataflow.run_domain")) {
            return out;
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

    /** Whether the table exists: a flow database no run was recorded in has none. */
    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Selection parseSelection(String json) {
        try {
            Map<String, Object> m = RunState.JSON.readValue(json, Map.class);
            return new Selection((List<String>) m.get("groups"), (List<String>) m.get("steps"), (String) m.get("from"),
                    (List<String>) m.get("domains"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataflowException.stepFailed("unreadable run record: " + e.getMessage(), null, e);
        }
    }}
