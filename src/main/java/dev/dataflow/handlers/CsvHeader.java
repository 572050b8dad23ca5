package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Identifiers;
import dev.dataflow.config.Source;
import dev.dataflow.shapefile.CsvFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the header line of a CSV file (after an optional UTF-8 byte-order mark) into column names, and checks them
 * against a source's columns.
 */
final class CsvHeader {
    private CsvHeader() {
    }

    /** Skips a UTF-8 BOM if present; the stream then starts at the header line. */
    static InputStream skipBom(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        byte[] b = p.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF)) {
            p.unread(b);
        }
        return p;
    }

    /** Parses the first line of a CSV (quotes allowed, no embedded newlines in names). */
    static List<String> parse(String file, String line) {
        CsvFields fields = new CsvFields();
        if (!fields.feed(line)) {
            throw DataflowException.stepFailed(file + ":1: unterminated quote in the header line", null, null);
        }
        return fields.fields().stream().map(String::strip).toList();
    }

    /** Reads bytes up to the first LF (CR stripped) as UTF-8. */
    static String readLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * The header when it names each configured column of {@code s} once and nothing else; otherwise a failure at
     * {@code label:1} listing what is missing and what is not configured.
     */
    static List<String> match(String label, List<String> header, Source s) {
        List<String> expected = s.columns().stream().map(Identifiers::bare).toList();
        Set<String> seen = new LinkedHashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw DataflowException.stepFailed(label + ":1: column " + h + " appears twice in the header", null, null);
            }
        }
        List<String> missing = expected.stream().filter(c -> !seen.contains(c)).toList();
        List<String> extra = header.stream().filter(c -> !expected.contains(c)).toList();
        if (!missing.isEmpty() || !extra.isEmpty()) {
            StringBuilder m = new StringBuilder(label + ":1: the header does not match the columns of " + s.table()
                    + " in pipeline.yaml");
            if (!missing.isEmpty()) {
                m.append("; missing: ").append(String.join(", ", missing));
            }
            if (!extra.isEmpty()) {
                m.append("; not configured: ").append(String.join(", ", extra));
            }
            throw DataflowException.stepFailed(m.toString(), "header: " + String.join(",", header), null);
        }
        return header;
    }
}
