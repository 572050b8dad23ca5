package dev.dataflow.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the last swap left: the schema and tables it published, when, by which action, and each table's
 * {@code oid:relfilenode} in the target schema and in the previous schema. Kept as JSON in the comment of
 * {@link PublicationPlan#PREVIOUS_SCHEMA}, written in the swap's own transaction, so a rollback can tell whether
 * anything replaced or rewrote the tables since.
 */
public record SwapRecord(String schema, List<String> tables, String at, String action, Map<String, String> live,
                         Map<String, String> previous) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREVIOUS = PublicationPlan.PREVIOUS_SCHEMA;

    /** The last swap's record, or null. */
    public static SwapRecord read(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT obj_description(n.oid, 'pg_namespace') FROM pg_namespace n WHERE n.nspname = ?""")) {
            ps.setString(1, PREVIOUS);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return null;
                }
                try {
                    return JSON.readValue(rs.getString(1), SwapRecord.class);
                } catch (JsonProcessingException e) {
                    throw DataflowException.stepFailed("the comment on schema " + PREVIOUS + " is not a data-flow "
                            + "swap record: " + e.getOriginalMessage(), null, e);
                }
            }
        }
    }

    /** Writes this record in place of the last one; the caller commits. */
    void write(Connection c) throws SQLException {
        Sql.execute(c, comment());
    }

    /** The statement that writes this record, for a batch. */
    String comment() {
        try {
            return "COMMENT ON SCHEMA " + Sql.ident(PREVIOUS) + " IS " + Sql.literal(JSON.writeValueAsString(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each existing table's {@code oid:relfilenode}; a TRUNCATE, CLUSTER or VACUUM FULL gives it a new file. */
    static Map<String, String> identities(Connection c, String schema, List<String> tables)
            throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, t.oid || ':' || t.relfilenode FROM pg_class t
                JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ANY (?)""")) {
            ps.setString(1, schema);
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }
}
