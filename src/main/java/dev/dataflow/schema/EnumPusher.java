package dev.dataflow.schema;

import dev.dataflow.DataflowException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a database's enum types match a list ({@code pg:flow:push}): creates missing types and inserts missing labels
 * at their position. Labels are never removed or reordered on a type something depends on, because PostgreSQL can
 * only do that by rewriting every column that uses it; an unused type is simply recreated. Running it twice changes
 * nothing the second time.
 */
public final class EnumPusher {
    private EnumPusher() {
    }

    /** Applies all enums in one transaction, so a refused type leaves the database as it was. */
    public static PushResult push(Connection db, List<EnumType> enums) {
        try {
            return Sql.inTransaction(db, c -> {
                Tally tally = new Tally();
                for (EnumType e : enums) {
                    pushOne(c, e, tally);
                }
                return new PushResult(tally.created, tally.added, tally.recreated, tally.changes);
            });
        } catch (SQLException e) {
            throw Sql.failed("cannot push enum types", e);
        }
    }

    private static final class Tally {
        int created;
        int added;
        int recreated;
        final List<String> changes = new ArrayList<>();
    }

    private static void pushOne(Connection c, EnumType wanted, Tally tally) throws SQLException {
        String type = Sql.qualified(wanted.schema(), wanted.name());
        String display = wanted.schema() + "." + wanted.name();
        Existing existing = existing(c, wanted);
        if (existing == null) {
            create(c, type, wanted);
            tally.created++;
            tally.changes.add("created enum " + display + " " + wanted.values());
            return;
        }
        if (existing.typtype != 'e') {
            throw DataflowException.stepFailed(display + " exists but is not an enum type", "rename or drop it", null);
        }
        List<String> have = existing.labels;
        String conflict = conflict(have, wanted.values());
        if (conflict == null) {
            addMissing(c, type, display, have, wanted.values(), tally);
            return;
        }
        List<String> users = dependents(c, existing.oid);
        if (!users.isEmpty()) {
            throw DataflowException.stepFailed("enum " + display + " cannot be changed from " + have + " to "
                            + wanted.values() + ": " + conflict + ", and it is used by " + String.join(", ", users),
                    "drop or convert those objects first, or restore the value in schema.ts", null);
        }
        Sql.execute(c, "DROP TYPE " + type);
        create(c, type, wanted);
        tally.recreated++;
        tally.changes.add("recreated unused enum " + display + " " + have + " -> " + wanted.values());
    }

    private record Existing(long oid, char typtype, List<String> labels) {
    }

    private static Existing existing(Connection c, EnumType e) throws SQLException {
        String sql = """
                SELECT t.oid, t.typtype,
                       coalesce(array_agg(l.enumlabel ORDER BY l.enumsortorder)
                                FILTER (WHERE l.enumlabel IS NOT NULL), '{}')
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                LEFT JOIN pg_enum l ON l.enumtypid = t.oid
                WHERE n.nspname = ? AND t.typname = ?
                GROUP BY t.oid, t.typtype""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, e.schema());
            ps.setString(2, e.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String[] labels = (String[]) rs.getArray(3).getArray();
                return new Existing(rs.getLong(1), rs.getString(2).charAt(0), Arrays.asList(labels));
            }
        }
    }

    private static void create(Connection c, String type, EnumType e) throws SQLException {
        List<String> literals = e.values().stream().map(Sql::literal).toList();
        Sql.execute(c, "CREATE TYPE " + type + " AS ENUM (" + String.join(", ", literals) + ")");
    }

    /**
     * Why {@code have} cannot become {@code want} by insertions alone, or null when it can: every existing label
     * must still be wanted, in the same relative order.
     */
    static String conflict(List<String> have, List<String> want) {
        List<String> removed = have.stream().filter(v -> !want.contains(v)).toList();
        if (!removed.isEmpty()) {
            return "value(s) " + removed + " would have to be removed";
        }
        List<String> keptOrder = want.stream().filter(have::contains).toList();
        if (!keptOrder.equals(have)) {
            return "existing values would have to be reordered to " + keptOrder;
        }
        return null;
    }

    /** Inserts each missing label after its predecessor in {@code want} (or before the first label). */
    private static void addMissing(Connection c, String type, String display, List<String> have, List<String> want,
                                   Tally tally) throws SQLException {
        Set<String> present = new HashSet<>(have);
        for (int i = 0; i < want.size(); i++) {
            String value = want.get(i);
            if (present.contains(value)) {
                continue;
            }
            String where;
            String said;
            if (i > 0) {
                where = " AFTER " + Sql.literal(want.get(i - 1));
                said = " after " + want.get(i - 1);
            } else if (!present.isEmpty()) {
                where = " BEFORE " + Sql.literal(have.get(0));
                said = " before " + have.get(0);
            } else {
                where = "";
                said = "";
            }
            Sql.execute(c, "ALTER TYPE " + type + " ADD VALUE " + Sql.literal(value) + where);
            present.add(value);
            tally.added++;
            tally.changes.add("added " + value + " to enum " + display + said);
        }
    }

    /** Objects that depend on the type or its array type: columns, domains, functions. */
    private static List<String> dependents(Connection c, long typeOid) throws SQLException {
        String sql = """
                SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid)
                FROM pg_depend d
                JOIN pg_type t ON t.oid = ?
                WHERE d.refclassid = 'pg_type'::regclass
                  AND d.refobjid IN (t.oid, t.typarray)
                  AND d.deptype IN ('n', 'a')
                ORDER BY 1""";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, typeOid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
