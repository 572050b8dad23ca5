package dev.dataflow.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/run-report.schema.json, which every run report a test makes must satisfy. */
public final class ReportSchema {
    private static JsonSchema schema;

    private ReportSchema() {
    }

    /** Reads the report, fails the test if it does not validate, and returns it. */
    public static JsonNode assertValid(Path report) {
        try {
            String text = Files.readString(report);
            JsonNode node = new ObjectMapper().readTree(text);
            Set<ValidationMessage> errors = schema().validate(node);
            assertTrue(errors.isEmpty(), report + " does not follow docs/run-report.schema.json: " + errors + "\n" + text);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized JsonSchema schema() throws IOException {
        if (schema == null) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(Path.of("docs/run-report.schema.json")));
        }
        return schema;
    }
}
