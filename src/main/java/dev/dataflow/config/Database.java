package dev.dataflow.config;

import java.util.List;

/**
 * A PostgreSQL connection: a JDBC URL (built from a {@code postgres://} URL or host/port/database), user and password.
 * The password never appears in {@link #toString()}.
 */
public record Database(String role, String jdbcUrl, String user, String password, String schema,
                       List<String> unsetVariables, Pos pos) {
    /** Settings that may be shown in logs and templates. */
    public String describe() {
        return role + " database " + jdbcUrl.replaceFirst("\\?.*$", "") + " as " + user;
    }

    @Override
    public String toString() {
        return describe();
    }
}
