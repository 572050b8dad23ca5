package dev.dataflow.secret;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedactorTest {
    private final Redactor structural = new Redactor();

    @Test
    void userAndPasswordOfAnyUrlAreMaskedEvenWithUnencodedSlashOrHash() {
        assertEquals("cannot connect: jdbc:postgresql://[redacted]@db.example:5432/api failed",
                structural.redact("cannot connect: jdbc:postgresql://app:Pw0rd@db.example:5432/api failed"));
        assertEquals("url postgres://[redacted]@host/db", structural.redact("url postgres://u:pa/ss#w@host/db"));
    }

    @Test
    void queriesOfHttpUrlsAndPasswordParametersAreMasked() {
        assertEquals("endpoint http://h:9/?[redacted] refused",
                structural.redact("endpoint http://h:9/?X-Amz-Credential=AKIA123&X-Amz-Signature=abc refused"));
        assertEquals("jdbc:postgresql://h/db?user=a&password=[redacted]",
                structural.redact("jdbc:postgresql://h/db?user=a&password=hunter2"));
    }

    @Test
    void knownValuesAreMaskedPlainAndPercentEncodedLongestFirst() {
        Redactor r = new Redactor().learn(List.of("s3cret/Key", "s3cret"));
        assertEquals("a [redacted] b [redacted] c [redacted]", r.redact("a s3cret/Key b s3cret%2FKey c s3cret"));
        assertEquals("short ab stays", new Redactor().learn(List.of("ab")).redact("short ab stays"));
    }

    @Test
    void secretNamedEnvironmentVariablesAreLearned() {
        List<String> s = Redactor.secretsOf(Map.of("DO_SPACES_SECRET_KEY", "k1", "TARGET_DATABASE_PASSWORD", "p1",
                "FLOW_URL", "u1"));
        assertEquals(2, s.size());
        assertFalse(s.contains("u1"));
    }

    @Test
    void thePrintStreamForLibraryLogsMasksLineByLine() {
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new Redactor().learn(List.of("Pw-7731-xyz")).printStream(new java.io.PrintStream(sink, true));
        err.print("[pool] WARN jdbc:postgresql://u:Pw-77");
        err.println("31-xyz@h/db refused");
        assertEquals("[pool] WARN jdbc:postgresql://[redacted]@h/db refused" + System.lineSeparator(), sink.toString());
    }

    @Test
    void theWriterMasksWholeLinesAndReportTreesAreCopiedRedacted() {
        Redactor r = new Redactor().learn(List.of("Pw-7731-xyz"));
        StringWriter sink = new StringWriter();
        PrintWriter w = r.writer(new PrintWriter(sink));
        w.print("error: Pw-77");
        w.println("31-xyz leaked?");
        w.flush();
        assertEquals("error: [redacted] leaked?" + System.lineSeparator(), sink.toString());
        assertEquals(Map.of("message", List.of("[redacted]")), r.redactTree(Map.of("message", List.of("Pw-7731-xyz"))));
    }
}
