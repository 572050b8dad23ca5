package dev.dataflow.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqlScriptTest {
    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        String sql = """
                -- a comment; with a semicolon
                CREATE TABLE t (a text DEFAULT 'x;y', "b;c" int);
                /* block; /* nested; */ still comment; */
                DO $$ BEGIN RAISE NOTICE 'a;b'; END $$;
                CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;
                SELECT E'it\\'s; fine', 'it''s; fine', $1;
                -- trailing comment only
                """;
        List<SqlScript.Statement> st = SqlScript.split(sql);
        assertEquals(4, st.size(), st.toString());
        assertEquals(sql.indexOf("-- a comment"), st.get(0).offset());
        assertEquals("SELECT E'it\\'s; fine', 'it''s; fine', $1", st.get(3).sql().strip());
        assertEquals(true, st.get(1).sql().contains("still comment; */\nDO $$ BEGIN RAISE NOTICE 'a;b'; END $$"));
    }
}
