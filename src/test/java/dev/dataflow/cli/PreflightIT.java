package dev.dataflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import dev.dataflow.testbed.ReportSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The preflight and {@code check} against real PostGIS, and a run whose API database is down. */
@ExtendWith(PostGisExtension.class)
class PreflightIT {
    private Fixture fx;

    @BeforeEach
    void setUp(PostGis pg, @TempDir Path tmp) throws Exception {
        fx = new Fixture("mini", tmp, pg);
    }

    @Test
    void checkConnectsToEachDatabaseAndShowsVersionsHostAndUserButNoPassword() throws Exception {
        fx.env.put("TARGET_URL", fx.env.get("TARGET_URL").replace("postgres@", "postgres:hunter4secret@"));
        Fixture.Run r = fx.run("check");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().matches("(?s).*preflight: flow database +PostgreSQL 15\\.\\d+, PostGIS (3\\.[\\d.]+|not installed) on "
                + "127\\.0\\.0\\.1:\\d+, database " + fx.flowDb + ", user postgres\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*preflight: target database +PostgreSQL 15\\.\\d+, PostGIS 3\\.[\\d.]+ on "
                + "127\\.0\\.0\\.1:\\d+, database " + fx.targetDb + ", user postgres\n.*"), r.out());
        assertTrue(r.out().contains("check: every connection works"), r.out());
        assertFalse(r.all().contains("hunter4secret"), r.all());
        assertEquals("0", fx.query(fx.flowDb, "SELECT count(*) FROM pg_namespace WHERE nspname = 'dataflow'"),
                "check records no run");
    }

    @Test
    void withTheApiStoppedTheRunFailsBeforeStep1() throws Exception {
        int stopped;
        try (ServerSocket s = new ServerSocket(0)) {
            stopped = s.getLocalPort();
        }
        fx.env.put("TARGET_URL", "postgresql://postgres@127.0.0.1:" + stopped + "/api");
        Fixture.Run r = fx.run("flow");
        assertEquals(1, r.exitCode(), r.all());
        assertTrue(r.out().matches("(?s).*preflight: flow database +PostgreSQL 15.*"), r.out());
        assertTrue(r.err().matches("(?s).*preflight: target database +FAILED: cannot connect to the target database "
                + "jdbc:postgresql://127\\.0\\.0\\.1:" + stopped + "/api as postgres: Connection refused.*"), r.err());
        assertFalse(r.out().contains("[1/"), "no step ran: " + r.out());
        assertEquals("0", fx.query(fx.flowDb, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('dataflow', 'source')"),
                "the flow database was not touched");
        JsonNode report = ReportSchema.assertValid(fx.dir.resolve("target/run-report.json"));
        assertEquals(1, report.get("exitCode").asInt());
        assertTrue(report.get("exitReason").asText().startsWith("preflight failed, nothing ran: cannot connect to the target"),
                report.toString());

        Fixture.Run check = fx.run("check");
        assertEquals(1, check.exitCode(), check.all());
        assertTrue(check.out().matches("(?s).*preflight: flow database +PostgreSQL.*"), check.out());
        assertTrue(check.err().contains("FAILED: cannot connect to the target database"), check.err());
    }
}
