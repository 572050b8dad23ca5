package dev.dataflow.schema;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed drizzle/migrations/schema.ts holds the NYC API's four enums of domains.md 3.1, values in order. */
class CommittedSchemaTsTest {
    static final Path FILE = Path.of("drizzle", "migrations", "schema.ts");

    @Test
    void holdsTheFourNycEnumsInDeclarationOrder() throws Exception {
        List<EnumType> enums = DrizzleEnums.parse(FILE.toString(), Files.readString(FILE), "public");
        assertEquals(List.of(
                new EnumType("public", "capital_fund_category", List.of("city-non-exempt", "city-exempt", "city-cost",
                        "non-city-state", "non-city-federal", "non-city-other", "non-city-cost", "total")),
                new EnumType("public", "capital_project_category",
                        List.of("Fixed Asset", "Lump Sum", "ITT, Vehicles and Equipment")),
                new EnumType("public", "capital_project_fund_stage", List.of("adopt", "allocate", "commit", "spent")),
                new EnumType("public", "category", List.of("Residential", "Commercial", "Manufacturing"))), enums);
    }
}
