package dev.dataflow.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionUrlTest {
    @Test
    void aWellFormedUrlBecomesJdbcUserAndDecodedPassword() throws Exception {
        ConnectionUrl u = ConnectionUrl.parse("postgres://app:p%2Fa%40s%23s+1@db.example:6432/api?sslmode=require");
        assertEquals("jdbc:postgresql://db.example:6432/api?sslmode=require", u.jdbc());
        assertEquals("app", u.user());
        assertEquals("p/a@s#s+1", u.password(), "percent-decoded, and '+' stays '+' as URLs define it");
        assertEquals("jdbc:postgresql://[::1]/flow", ConnectionUrl.parse("postgresql://[::1]/flow").jdbc());
    }

    @Test
    void eachMalformedPartIsNamedAndThePasswordNeverQuoted() {
        String[][] cases = {
                {"postgres://u:se/cret@h/db", "unencoded '/', '?' or '#'"},
                {"postgres://u:se#cret@h/db", "unencoded '/', '?' or '#'"},
                {"postgres://u:se@cret@h/db", "unencoded '@'"},
                {"postgres://u:se cret@h/db", "must percent-encode"},
                {"postgres://u:se%zzcret@h/db", "the password has a '%' not followed by two hex digits"},
                {"postgres://u:secret@h:54x/db", "the port after the host is not a number"},
                {"postgres://u:secret@:5432/db", "the host is missing"},
                {"postgres://u:secret@h:5432", "the database name is missing"},
                {"postgres://:secret@h/db", "the user before '@' is empty"},
                {"mysql://u:secret@h/db", "must start with postgres://"},
                {"jdbc:postgresql://u:secret@h/db", "cannot carry a user and password"},
                {"jdbc:postgresql://u:se/cret@h/db", "cannot carry a user and password"},
        };
        for (String[] c : cases) {
            ConnectionUrl.Malformed e = assertThrows(ConnectionUrl.Malformed.class, () -> ConnectionUrl.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            String all = e.getMessage() + " " + e.hint;
            assertFalse(all.contains("cret"), c[0] + " -> " + all);
        }
    }
}
