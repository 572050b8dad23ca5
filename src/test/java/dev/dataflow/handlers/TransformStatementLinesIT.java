package dev.dataflow.handlers;

import dev.dataflow.testbed.Fixture;
import dev.dataflow.testbed.PostGis;
import dev.dataflow.testbed.PostGisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each statement of a transform template prints its file:line, command tag, rows and time when it ends. */
@ExtendWith(PostGisExtension.class)
class TransformStatementLinesIT {
    @Test
    void everyStatementOfTheTransformTemplatesHasALineWithItsRows(PostGis pg, @TempDir Path tmp) throws Exception {
        Fixture fx = new Fixture("mini", tmp, pg);
        // A template with a comment header, a multi-line statement, a CTE and a no-op, to pin file:line and tags.
        Files.writeString(fx.dir.resolve("sql/transform/places.sql"), """
                -- places: the model table from the source
                TRUNCATE place;

                INSERT INTO place (id, region_id, kind, label, geom)
                SELECT id, region, kind::place_kind, label, ST_Transform(geom, 2263)
                FROM source_place;
                WITH gone AS (
                  SELECT id FROM place WHERE id > 1000
                )
                DELETE FROM place WHERE id IN (SELECT id FROM gone);
                UPDATE place SET label = label WHERE id = 2;
                CREATE INDEX IF NOT EXISTS place_label ON place (label);
                """);
        Fixture.Run r = fx.run("flow");
        assertEquals(0, r.exitCode(), r.all());
        List<String> lines = r.out().lines().map(String::strip)
                .filter(l -> l.matches("sql/transform/\\S+:\\d+ [A-Z].*")).map(l -> l.replaceAll(" [0-9.]+s$", " T")).toList();
        assertEquals(List.of(
                "sql/transform/regions.sql:2 TRUNCATE TABLE T",
                "sql/transform/regions.sql:3 INSERT 3 rows T",
                "sql/transform/places.sql:2 TRUNCATE TABLE T",
                "sql/transform/places.sql:4 INSERT 3 rows T",
                "sql/transform/places.sql:7 DELETE 0 rows T",
                "sql/transform/places.sql:11 UPDATE 1 row T",
                "sql/transform/places.sql:12 CREATE INDEX T"), lines, r.out());
        // The time is the statement's own, in the console's format.
        assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s+sql/transform/places\\.sql:4 INSERT 3 rows \\d+\\.\\d\\ds")),
                r.out());
        // Source creation is not a transform: no statement lines of its templates.
        assertTrue(r.out().lines().noneMatch(l -> l.strip().startsWith("sql/source/")), r.out());
    }
}
