package dev.dataflow.db;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CommandTagTest {
    /** "statement | tag", the statement's \\n a line break. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "insert into t select 1                                   | INSERT",
            "-- a comment\n/* and another */ UPDATE t SET a = 1       | UPDATE",
            "WITH x AS (SELECT 1 FROM y) INSERT INTO t SELECT * FROM x | INSERT",
            "WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x           | SELECT",
            "CREATE TABLE t (a int)                                   | CREATE TABLE",
            "CREATE UNLOGGED TABLE t AS SELECT 1                      | CREATE TABLE AS",
            "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a)             | CREATE INDEX",
            "CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql | CREATE FUNCTION",
            "CREATE MATERIALIZED VIEW v AS SELECT 1                   | CREATE MATERIALIZED VIEW",
            "DROP TABLE IF EXISTS t                                   | DROP TABLE",
            "ALTER TABLE t ADD COLUMN b int                           | ALTER TABLE",
            "truncate t cascade                                       | TRUNCATE TABLE",
            "SELECT a INTO b FROM t                                   | SELECT INTO",
            "SELECT count(*) FROM t                                   | SELECT",
            "ANALYZE t                                                | ANALYZE",
            "DO $$ BEGIN RAISE NOTICE 'x'; END $$                     | DO",
    })
    void tagAsPsqlPrintsIt(String row) {
        String sql = row.substring(0, row.lastIndexOf('|')).strip().replace("\\n", "\n");
        assertEquals(row.substring(row.lastIndexOf('|') + 1).strip(), CommandTag.of(sql));
    }
}
