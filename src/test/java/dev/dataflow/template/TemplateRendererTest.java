package dev.dataflow.template;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRendererTest {
    @TempDir
    Path dir;

    @Test
    void rendersWithoutHtmlEscaping() {
        Rendered r = new TemplateRenderer(dir, "sql").render("sql/a.sql", "SELECT '{{v}}' <> {{w}};",
                Map.of("v", "a&b<c>", "w", "\"x\""));
        assertEquals("SELECT 'a&b<c>' <> \"x\";", r.sql());
    }

    @Test
    void varsRenderAsCheckedLiteralsAndRawOnlyWhenTheTemplateSaysSo() {
        Map<String, Object> vars = Map.of("vars", Map.of("n", new SqlValue("10"), "s", new SqlValue("0 OR 1=1 UNION SELECT 'x'"),
                "list", List.of(new SqlValue("a"), new SqlValue("2.5"))));
        Rendered r = new TemplateRenderer(dir, "sql").render("sql/v.sql",
                "SELECT {{vars.n}}, {{vars.s}}, {{#vars.list}}{{.}} {{/vars.list}}, {{{vars.s}}};", vars);
        assertEquals("SELECT 10, '0 OR 1=1 UNION SELECT ''x''', 'a' 2.5 , 0 OR 1=1 UNION SELECT 'x';", r.sql());
    }

    @Test
    void aControlCharacterInATemplateIsNamedByLineAndColumn() {
        DataflowException e = assertThrows(DataflowException.class,
                () -> new TemplateRenderer(dir, "sql").render("sql/c.sql", "SELECT 1;\nSEL\u0001ECT 2;", Map.of()));
        assertEquals("sql/c.sql:2:4: the template holds the control character U+0001", e.getMessage());
    }

    @Test
    void missingVariableNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("t.sql"), "SELECT 1;\n\nSELECT * FROM {{tabel}};\n");
        DataflowException e = assertThrows(DataflowException.class,
                () -> new TemplateRenderer(dir, "sql").render("t.sql", Map.of("table", "x")));
        assertTrue(e.getMessage().startsWith("sql/t.sql:3: template variable 'tabel' is not defined"), e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @Test
    void missingSectionIsAnErrorToo() {
        DataflowException e = assertThrows(DataflowException.class, () -> new TemplateRenderer(dir, "sql")
                .render("sql/s.sql", "-- x\n{{#colums}}{{.}}{{/colums}}", Map.of("columns", List.of("a"))));
        assertTrue(e.getMessage().contains("sql/s.sql:2"), e.getMessage());
        assertTrue(e.getMessage().contains("colums"), e.getMessage());
    }

    @Test
    void renderedLinesMapBackToTemplateLinesThroughSections() {
        String template = """
                -- line 1
                {{#tables}}
                TRUNCATE {{.}};
                {{/tables}}
                SELECT broken FROM nowhere;
                """;
        Rendered r = new TemplateRenderer(dir, "sql").render("sql/m.sql", template,
                Map.of("tables", List.of("a", "b", "c")));
        int offset = r.sql().indexOf("SELECT broken");
        assertEquals(5, r.templateLineAt(offset));
        assertEquals(3, r.templateLineAt(r.sql().indexOf("TRUNCATE c")));
        assertTrue(r.sql().contains("TRUNCATE a;"), r.sql());
    }
}
