package dev.dataflow.nyc;

import dev.dataflow.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's demo: no configuration, real S3 HTTP on loopback, every API table filled, everything stopped. */
class DemoIT {
    @Test
    void demoRunsTheWholeFlowOnTheSamplesAndStopsEverything(@TempDir Path tmp) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[]{"demo", "--dir", tmp.resolve("demo").toString(), "--report",
                tmp.resolve("report.json").toString()}, new PrintWriter(out), new PrintWriter(err), Map.of());
        String all = out + err.toString();
        assertEquals(0, code, all);
        assertTrue(all.contains("[1/9] minio:download"), all);
        assertTrue(all.contains("19 objects"), all);
        Matcher m = Pattern.compile("(?m)^  [a-z-]+\\.([a-z_]+) +([0-9,]+) rows").matcher(all);
        int tables = 0;
        while (m.find()) {
            tables++;
            assertTrue(Long.parseLong(m.group(2).replace(",", "")) > 0, m.group(1) + " is empty:\n" + all);
        }
        assertEquals(NycFlowIT.TABLES.length, tables, all);
        // Each API table's own geometry columns, once: not those of the previous copy a swap publish keeps.
        assertTrue(Pattern.compile("(?m)^  pluto\\.tax_lot +[0-9,]+ rows  li_ft MULTIPOLYGON,2263; "
                + "wgs84 geography MultiPolygon,4326$").matcher(all).find(), all);
        assertTrue(all.contains("stopped the cluster and the S3 server"), all);
        com.fasterxml.jackson.databind.JsonNode report = dev.dataflow.testbed.ReportSchema.assertValid(tmp.resolve("report.json"));
        assertEquals("ok", report.get("status").asText());
        assertTrue(all.contains("preflight: storage"), all);
        assertFalse(Files.exists(tmp.resolve("demo/pg")), "the cluster folder is removed");
        assertTrue(Files.exists(tmp.resolve("demo/download/ae-data-backups/zoning-api/pluto.csv")));
    }
}
