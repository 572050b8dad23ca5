package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Literals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** SQL text building and JDBC plumbing shared by the schema classes. */
final class Sql {
    private Sql() {
    }

    /** Work on a connection that may throw SQLException. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A catalog name, always quoted (see {@link Identifiers#quoteExact}). */
    static String ident(String name) {
        return Identifiers.quoteExact(name);
    }

    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** A string as a SQL literal (see {@link Literals#quote}). */
    static String literal(String value) {
        return Literals.quote(value);
    }

    /**
     * Runs work in one transaction and restores the caller's auto-commit mode, so a failure leaves no half-applied
     * DDL behind (PostgreSQL DDL is transactional).
     */
    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            // The caller owns the transaction; committing it here would surprise them.
            return work.run(c);
        }
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * Runs catalog reads with an empty search_path: catalog functions then schema-qualify every non-pg_catalog
     * name, which makes their output independent of the session and usable as DDL on another server.
     */
    static <T> T withQualifiedNames(Connection c, Work<T> work) throws SQLException {
        return withSearchPath(c, "", work);
    }

    /**
     * Runs work with the given search_path (a list of quoted schema names) and restores the caller's afterwards.
     * With just the target schema on the path, catalog functions leave its names unqualified, so DDL read that way can
     * be replayed against shadow tables by putting the shadow schema in front.
     */
    static <T> T withSearchPath(Connection c, String path, Work<T> work) throws SQLException {
        String saved;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            saved = rs.getString(1);
        }
        setSearchPath(c, path);
        T result;
        try {
            result = work.run(c);
        } catch (SQLException | RuntimeException e) {
            try {
                setSearchPath(c, saved);
            } catch (SQLException restore) {
                // An aborted transaction refuses the reset, but its rollback restores the setting anyway.
                e.addSuppressed(restore);
            }
            throw e;
        }
        setSearchPath(c, saved);
        return result;
    }

    private static void setSearchPath(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new SQLException(e.getMessage() + "\n  while running: " + sql, e.getSQLState(), e);
        }
    }

    /** Reads one row of a result. */
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs a catalog query whose every parameter is the array of table {@code oids}, and reads each row. */
    static void forEachRow(Connection c, String sql, Long[] oids, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
            for (int i = 1; i <= parameters; i++) {
                ps.setArray(i, c.createArrayOf("oid", oids));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /** Turns a driver error into the project's exception with what was being done. */
    static DataflowException failed(String doing, SQLException e) {
        return DataflowException.stepFailed(doing + ": " + e.getMessage(), null, e);
    }
}
