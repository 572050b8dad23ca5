package dev.dataflow.schema;

import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(PostGisExtension.class)
class DrizzleEnumsIT {
    @Test
    void pullThenPushRoundTripsEnumsExactly(PostGis pg) throws Exception {
        try (Connection target = pg.connect(pg.createDatabase("pull_target"));
             Connection flow = pg.connect(pg.createDatabase("pull_flow"))) {
            Scripts.execute(target, """
                    CREATE TYPE zeta AS ENUM ('z');
                    CREATE TYPE awkward AS ENUM ('a, b', 'say "hi"', 'it''s', E'back\\\\slash', 'tab\tin', 'ünï ✓');
                    CREATE TYPE empty AS ENUM ();
                    CREATE DOMAIN not_an_enum AS text;
                    CREATE SCHEMA other;
                    CREATE TYPE other.elsewhere AS ENUM ('x');
                    """);
            List<EnumType> pulled = DrizzleEnums.readFromCatalog(target, "public");
            assertEquals(List.of(
                    new EnumType("public", "awkward", List.of("a, b", "say \"hi\"", "it's", "back\\slash", "tab\tin", "ünï ✓")),
                    new EnumType("public", "empty", List.of()),
                    new EnumType("public", "zeta", List.of("z"))), pulled);

            String text = DrizzleEnums.render(pulled);
            EnumPusher.push(flow, DrizzleEnums.parse("schema.ts", text, "public"));
            List<EnumType> pushed = DrizzleEnums.readFromCatalog(flow, "public");
            assertEquals(pulled, pushed);
            assertEquals(text, DrizzleEnums.render(pushed), "re-pulling an unchanged database gives no diff");
        }
    }

    /** The committed schema.ts is exactly what the pull writes for a database built from the NYC API schema. */
    @Test
    void committedSchemaTsIsThePullOfTheNycTarget(PostGis pg) throws Exception {
        try (Connection target = pg.connect(pg.createDatabase("pull_nyc"))) {
            Scripts.execute(target, java.nio.file.Files.readString(java.nio.file.Path.of("examples/zoning-api/schema.sql")));
            String pulled = DrizzleEnums.render(DrizzleEnums.readFromCatalog(target, "public"));
            String committed = Files.exists(CommittedSchemaTsTest.FILE) ? Files.readString(CommittedSchemaTsTest.FILE) : "";
            if (!pulled.equals(committed)) {
                Path actual = Path.of("target", "schema.ts.pulled");
                Files.writeString(actual, pulled);
                assertEquals(committed, pulled, "pulled file written to " + actual);
            }
        }
    }
}
