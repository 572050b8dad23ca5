package dev.dataflow.nyc;

import dev.dataflow.testbed.PostGis;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A flow database for testing the NYC domains' SQL on crafted rows: the model tables built from today's API schema
 * (examples/zoning-api/schema.sql, what pg:model:create replicates), the domains' source tables from
 * sql/source/&lt;domain&gt;.sql, rows loaded as CSV by header name (as pg:source:load does), and the transforms of
 * sql/transform/&lt;domain&gt;.sql run in order in one transaction (as pg:model:transform does).
 */
final class DomainDatabase {
    private final PostGis pg;
    private final String db;
    private final List<String> domains;

    private DomainDatabase(PostGis pg, String db, List<String> domains) {
        this.pg = pg;
        this.db = db;
        this.domains = domains;
    }

    /** A new database with the model tables and the source tables of {@code domains}, parents first. */
    static DomainDatabase create(PostGis pg, String prefix, String... domains) throws Exception {
        DomainDatabase d = new DomainDatabase(pg, pg.createDatabase(prefix), List.of(domains));
        d.exec(Files.readString(Path.of("examples/zoning-api/schema.sql")));
        d.resetSources();
        return d;
    }

    /** Drops and recreates every source table of the domains, as pg:source:create does before each load. */
    void resetSources() throws Exception {
        for (String domain : domains) {
            exec(Files.readString(Path.of("sql/source/" + domain + ".sql")));
        }
    }

    /** COPYs CSV text with a header line into a source table, columns matched by header name. */
    void load(String table, String csv) throws Exception {
        String header = csv.substring(0, csv.indexOf('\n'));
        try (Connection c = pg.connect(db)) {
            new CopyManager(c.unwrap(BaseConnection.class)).copyIn("COPY " + table + " (" + header
                    + ") FROM STDIN (FORMAT csv, HEADER true)", new StringReader(csv));
        }
    }

    /** Loads a file shipped with the flow (data/...) as pg:source:load would. */
    void loadFile(String table, String file) throws Exception {
        load(table, Files.readString(Path.of(file)));
    }

    /** Runs the transforms of {@code transformed} in one transaction; an error rolls all of them back. */
    void transform(String... transformed) throws Exception {
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String domain : transformed) {
                    s.execute(Files.readString(Path.of("sql/transform/" + domain + ".sql")));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    void exec(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first column of every row, one line each. */
    String q(String sql) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            StringBuilder b = new StringBuilder();
            while (rs.next()) {
                b.append(b.length() > 0 ? "\n" : "").append(rs.getString(1));
            }
            return b.toString();
        }
    }
}
