package dev.dataflow.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs SQL from the test resources, and reads values the tests compare with. */
final class Scripts {
    private Scripts() {
    }

    static void run(Connection c, String resource) throws SQLException, IOException {
        try (InputStream in = Scripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            execute(c, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** pgjdbc splits a multi-statement string itself, so whole scripts can go in one call. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
