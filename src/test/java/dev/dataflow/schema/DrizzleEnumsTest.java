package dev.dataflow.schema;

import dev.dataflow.DataflowException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrizzleEnumsTest {
    private static List<EnumType> parse(String text) {
        return DrizzleEnums.parse("schema.ts", text, "public");
    }

    private static final String IMPORT = "import { pgEnum } from \"drizzle-orm/pg-core\";\n";

    private static String errorOf(String text) {
        return assertThrows(DataflowException.class, () -> parse(text)).getMessage();
    }

    /** Compares the message's start with the expected text, showing the whole message on mismatch. */
    private static void assertError(String expected, String text) {
        String actual = errorOf(text);
        assertEquals(expected, actual.substring(0, Math.min(actual.length(), expected.length())), actual);
    }

    @Test
    void rendersSortedWithTheImportAndOneLinePerEnum() {
        String text = DrizzleEnums.render(List.of(
                new EnumType("public", "stage", List.of("adopt", "commit")),
                new EnumType("public", "category", List.of("Residential", "Commercial"))));
        assertEquals("""
                // The API database's enum types, written by drizzle:api:pull and read by pg:flow:push.
                import { pgEnum } from "drizzle-orm/pg-core";

                export const category = pgEnum("category", ["Residential", "Commercial"]);
                export const stage = pgEnum("stage", ["adopt", "commit"]);
                """, text);
    }

    @Test
    void awkwardValuesRoundTripExactly() {
        List<String> values = List.of("a, b", "say \"hi\"", "back\\slash", "it's", "new\nline", "tab\tand\u0001",
                "ünïcödé ✓", "sep\u2028", "trailing \\");
        List<EnumType> enums = List.of(new EnumType("public", "odd", values));
        String text = DrizzleEnums.render(enums);
        assertTrue(text.contains("\"a, b\", \"say \\\"hi\\\"\", \"back\\\\slash\""), text);
        assertEquals(enums, parse(text));
        assertEquals(text, DrizzleEnums.render(parse(text)), "render(parse(x)) must be stable");
    }

    @Test
    void namesThatAreNotIdentifiersGetUsableConstants() {
        String text = DrizzleEnums.render(List.of(
                new EnumType("public", "my-type", List.of("x")),
                new EnumType("public", "my_type", List.of("y")),
                new EnumType("public", "default", List.of("z")),
                new EnumType("public", "1st", List.of("w"))));
        assertTrue(text.contains("export const _1st = pgEnum(\"1st\""), text);
        assertTrue(text.contains("export const _default = pgEnum(\"default\""), text);
        assertTrue(text.contains("export const my_type = pgEnum(\"my-type\""), text);
        assertTrue(text.contains("export const my_type_2 = pgEnum(\"my_type\""), text);
        assertEquals(4, parse(text).size());
    }

    @Test
    void acceptsDrizzleKitStyleWithSingleQuotesCommentsAndNoSemicolons() {
        List<EnumType> enums = parse("""
                import { pgEnum, pgTable } from "drizzle-orm/pg-core"
                /* introspected
                   by drizzle-kit */
                export const keyStatus = pgEnum("key_status", ['default', 'it\\'s', "x\\u0041\\u{1F600}",])
                // trailing comment
                export const empty = pgEnum('empty', [])
                """);
        assertEquals(List.of(new EnumType("public", "key_status", List.of("default", "it's", "xA\uD83D\uDE00")),
                new EnumType("public", "empty", List.of())), enums);
    }

    @Test
    void anythingElseIsAnErrorWithItsLine() {
        assertError("schema.ts:3: expected pgEnum(...), found 'pgTable'", """
                import { pgEnum } from "drizzle-orm/pg-core";

                export const t = pgTable("t", {});
                """);
        assertError("schema.ts:2: expected an import or 'export const NAME = pgEnum(...)', found 'const'", """
                import { pgEnum } from "drizzle-orm/pg-core";
                const x = 1;
                """);
        assertError("schema.ts:3: unexpected character '+'",
                IMPORT + "\nexport const a = pgEnum(\"a\", [\"x\" + \"y\"]);\n");
        assertError("schema.ts:2: unterminated string", IMPORT + "export const a = pgEnum(\"a\", [\"x]);\n");
        assertError("schema.ts:2: unsupported escape '\\q'", IMPORT + "export const a = pgEnum(\"a\", [\"\\q\"]);\n");
        assertError("schema.ts:5: expected ')', found end of file",
                IMPORT + "\n\nexport const a = pgEnum(\"a\", [\"x\"]\n");
    }

    @Test
    void refusesWhatPostgresWouldRefuseOrWhatWouldLoseAnEnum() {
        assertError("schema.ts:2: value \"x\" appears twice in enum \"a\"",
                IMPORT + "export const a = pgEnum(\"a\", [\"x\", \"y\", \"x\"]);\n");
        assertError("schema.ts:3: enum \"a\" is declared twice",
                IMPORT + "export const a = pgEnum(\"a\", []);\nexport const b = pgEnum(\"a\", []);\n");
        assertError("schema.ts:3: constant 'a' is already declared on line 2",
                IMPORT + "export const a = pgEnum(\"a\", []);\nexport const a = pgEnum(\"b\", []);\n");
        assertError("schema.ts:2: enum value \"\" must be 1 to 63 bytes long",
                IMPORT + "export const a = pgEnum(\"a\", [\"\"]);\n");
        // 32 two-byte characters are 64 bytes: within JavaScript's limits, beyond PostgreSQL's.
        assertTrue(errorOf(IMPORT + "export const a = pgEnum(\"a\", [\"" + "é".repeat(32) + "\"]);\n")
                .contains("must be 1 to 63 bytes long"));
        assertEquals(1, parse(IMPORT + "export const a = pgEnum(\"a\", [\"" + "é".repeat(31) + "x\"]);\n").size());
    }

    @Test
    void theImportDrizzleKitForgetsIsRequired() {
        DataflowException e = assertThrows(DataflowException.class,
                () -> parse("// no import\n\nexport const a = pgEnum(\"a\", [\"x\"]);\n"));
        assertEquals("schema.ts:3: pgEnum is used but not imported", e.getMessage());
        assertEquals("add: import { pgEnum } from \"drizzle-orm/pg-core\";", e.hint());
        assertThrows(DataflowException.class,
                () -> parse("import { pgEnum } from \"drizzle-orm\";\nexport const a = pgEnum(\"a\", [\"x\"]);\n"));
    }

    @Test
    void anEmptyFileHasNoEnums() {
        assertEquals(List.of(), parse(""));
        assertEquals(List.of(), parse(DrizzleEnums.render(List.of())));
    }
}
