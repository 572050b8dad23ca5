package dev.dataflow.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** .env lines as Docker Compose and python-dotenv read them. */
class DotEnvTest {
    /** The table: the file's text, a key, and its value (null when the file defines none). */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("A=plain", "A", "plain"),
                arguments("A = spaced", "A", "spaced"),
                arguments("A=value # a comment", "A", "value"),
                arguments("A=value\t# after a tab", "A", "value"),
                arguments("A=a#b", "A", "a#b"),
                arguments("A=#starts-a-comment", "A", ""),
                arguments("A=", "A", ""),
                arguments("A=\"double # kept\"  # comment", "A", "double # kept"),
                arguments("A='single # kept' # comment", "A", "single # kept"),
                arguments("A=\"l1\\nl2\\t \\\"q\\\" back\\\\slash\"", "A", "l1\nl2\t \"q\" back\\slash"),
                arguments("A='no \\n escapes'", "A", "no \\n escapes"),
                arguments("A=\"two\nlines\"\nB=after", "A", "two\nlines"),
                arguments("A=\"two\nlines\"\nB=after", "B", "after"),
                arguments("export A=exported", "A", "exported"),
                arguments("export  A = 'x'", "A", "x"),
                arguments("# A=commented", "A", null),
                arguments("   # indented comment\nA=1", "A", "1"),
                arguments("A=1\nA=2", "A", "2"),
                arguments("A", "A", null),
                arguments("A=postgres://u:p%40ss@h:5432/db?x=1#frag", "A", "postgres://u:p%40ss@h:5432/db?x=1#frag"),
                arguments("A.B-C=dotted", "A.B-C", "dotted"),
                arguments("A=x\r\nB=y", "A", "x"),
                arguments("A=x\r\nB=y", "B", "y"),
                arguments("exportA=not-a-prefix", "exportA", "not-a-prefix"),
                arguments("A=  padded  ", "A", "padded"),
                arguments("A=\"  padded  \"", "A", "  padded  "));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("cases")
    void readsAsComposeAndDotenvDo(String text, String key, String value) {
        Map<String, DotEnv.Entry> env = DotEnv.parse(text, ".env");
        if (value == null) {
            assertFalse(env.containsKey(key), env.toString());
        } else {
            assertEquals(value, env.get(key).value(), env.toString());
        }
    }

    @Test
    void escapesInDoubleQuotes() {
        Map<String, DotEnv.Entry> env = DotEnv.parse("A=\"l1\\nl2 \\\"q\\\" back\\\\slash\"\n", ".env");
        assertEquals("l1\nl2 \"q\" back\\slash", env.get("A").value());
    }

    @Test
    void eachValueKnowsItsLine() {
        Map<String, DotEnv.Entry> env = DotEnv.parse("# c\n\nA=1\nB=\"x\ny\"\nC=3\n", "conf/.env");
        assertEquals("conf/.env:3:1", env.get("A").pos().toString());
        assertEquals("conf/.env:4:1", env.get("B").pos().toString());
        assertEquals("conf/.env:6:1", env.get("C").pos().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "A=1\\nB='open                 | .env:2:3: the value of B opens a single quote that is never closed",
            "A=\"x\" trailing              | .env:1:6: unexpected text after the quoted value of A",
            "A=1\\n1BAD=2                  | .env:2:1: expected KEY=VALUE",
            "A=1\\nB C=2                   | .env:2:3: expected '=' after B",
    })
    void problemsNameTheFileAndLine(String text, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> DotEnv.parse(text.replace("\\n", "\n"), ".env"));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aBadUrlFromDotEnvIsReportedAtTheDotEnvLine(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve(".env");
        Files.writeString(envFile, "# local\nFLOW_URL=postgres://u@h:notaport/db  # the flow\n");
        Env env = Env.load(envFile, Map.of());
        assertEquals("postgres://u@h:notaport/db", env.get("FLOW_URL"));
        Files.createDirectories(dir.resolve("sql"));
        ConfigException e = assertThrows(ConfigException.class, () -> new PipelineParser(env).parse("""
                connections:
                  flow: {url: "${FLOW_URL}"}
                steps: [{id: a:b:c, kind: sql}]
                """, "pipeline.yaml", dir));
        assertTrue(e.getMessage().contains(envFile + ":2:1: "), e.getMessage());
        assertTrue(e.getMessage().contains("(used at pipeline.yaml:2:"), e.getMessage());
        // The process environment wins over .env, and a problem with its value is the pipeline's.
        ConfigException fromEnv = assertThrows(ConfigException.class, () -> new PipelineParser(
                Env.load(envFile, Map.of("FLOW_URL", "postgres://u@h:bad/db"))).parse("""
                connections:
                  flow: {url: "${FLOW_URL}"}
                steps: [{id: a:b:c, kind: sql}]
                """, "pipeline.yaml", dir));
        assertTrue(fromEnv.getMessage().contains("pipeline.yaml:2:"), fromEnv.getMessage());
        assertFalse(fromEnv.getMessage().contains(".env"), fromEnv.getMessage());
    }
}
