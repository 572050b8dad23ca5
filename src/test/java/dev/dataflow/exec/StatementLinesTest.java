package dev.dataflow.exec;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatementLinesTest {
    @Test
    void lineFormat() {
        assertEquals("sql/transform/pluto.sql:74 INSERT 860,000 rows 12.3s",
                StatementLines.line("sql/transform/pluto.sql:74", "INSERT", 860_000, 12_300_000_000L));
        assertEquals("a.sql:1 UPDATE 1 row 0.05s", StatementLines.line("a.sql:1", "UPDATE", 1, 50_000_000L));
        assertEquals("a.sql:9 CREATE INDEX 1.50s", StatementLines.line("a.sql:9", "CREATE INDEX", -1, 1_500_000_000L));
    }

    @Test
    void linesGoToTheCallersSinkAndAFailedStatementGetsNone() {
        StringWriter out = new StringWriter();
        List<String> block = new ArrayList<>();
        StatementLines lines = new StatementLines(new Console(new PrintWriter(out), false), block::add);
        lines.started("a.sql:2", "INSERT");
        lines.finished("a.sql:2", "INSERT", 3, 10_000_000L);
        lines.started("a.sql:5", "UPDATE");
        lines.finished("a.sql:5", "UPDATE", -1, -1);
        assertEquals(List.of("a.sql:2 INSERT 3 rows 0.01s"), block);
        assertEquals("", out.toString(), "not a terminal: no live line");
    }

    @Test
    void theLiveLineNamesTheRunningStatements() {
        Console console = new Console(new PrintWriter(new StringWriter()), true);
        LiveStatements live = LiveStatements.of(console);
        StatementLines a = new StatementLines(console, s -> { });
        StatementLines b = new StatementLines(console, s -> { });
        a.started("sql/transform/pluto.sql:74", "INSERT");
        b.started("sql/transform/boroughs.sql:3", "UPDATE");
        String text = live.text(System.nanoTime());
        assertEquals(true, text.matches("running: sql/transform/pluto\\.sql:74 INSERT \\d+\\.\\d+s, "
                + "sql/transform/boroughs\\.sql:3 UPDATE \\d+\\.\\d+s"), text);
        a.finished("sql/transform/pluto.sql:74", "INSERT", 1, 1);
        b.finished("sql/transform/boroughs.sql:3", "UPDATE", 1, 1);
        assertEquals("running: ", live.text(System.nanoTime()));
    }
}
