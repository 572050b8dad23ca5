package dev.dataflow.schema;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed drizzle/migrations/schema.ts is today's NYC API's: no enum types (spec domains-2026.md 2), still
 * with the pgEnum import, so the file has one shape whether or not the API has enums.
 */
class CommittedSchemaTsTest {
    static final Path FILE = Path.of("drizzle", "migrations", "schema.ts");

    @Test
    void declaresNoEnumsAndKeepsTheImport() throws Exception {
        String text = Files.readString(FILE);
        assertEquals(List.of(), DrizzleEnums.parse(FILE.toString(), text, "public"));
        assertTrue(text.contains(DrizzleEnums.IMPORT_LINE + "\n"), text);
        assertEquals(text, DrizzleEnums.render(List.of()), "the file is what a pull of an API without enums writes");
    }
}
