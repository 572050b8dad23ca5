package dev.dataflow.handlers;

import dev.dataflow.config.Check;
import dev.dataflow.config.Pos;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SQL each kind of check runs, pinned: the row-by-row condition, and the query for the others' offending rows. */
class QualityGatesTest {
    private static final Check.About ABOUT = new Check.About("c", "d", "lot", false, new Pos("pipeline.yaml", 1, 1));

    @Test
    void rowByRowChecksHaveOneConditionEach() {
        assertEquals("\"a\" IS NULL OR \"b\" IS NULL", QualityGates.predicate(new Check.NotNull(ABOUT, List.of("a", "b"))));
        assertEquals("\"a\" IS NOT NULL AND \"a\"::text NOT IN ('x', 'o''k')",
                QualityGates.predicate(new Check.AcceptedValues(ABOUT, "a", List.of("x", "o'k"))));
        assertEquals("NOT ST_IsValid(\"g\"::geometry)", QualityGates.predicate(new Check.Valid(ABOUT, "g")));
        assertEquals("ST_SRID(\"g\") <> 2263", QualityGates.predicate(new Check.Srid(ABOUT, "g", 2263)));
        assertEquals("GeometryType(\"g\"::geometry) NOT IN ('MULTIPOLYGON')",
                QualityGates.predicate(new Check.GeometryType(ABOUT, "g", List.of("MultiPolygon"))));
        assertEquals("\"g\" IS NULL OR ST_IsEmpty(\"g\"::geometry)", QualityGates.predicate(new Check.NotEmpty(ABOUT, "g")));
        assertEquals("ST_IsEmpty(\"g\"::geometry) OR ST_XMin(\"g\"::geometry) < 1 OR ST_YMin(\"g\"::geometry) < 2.5"
                        + " OR ST_XMax(\"g\"::geometry) > 3 OR ST_YMax(\"g\"::geometry) > 4",
                QualityGates.predicate(new Check.WithinExtent(ABOUT, "g", List.of(1.0, 2.5, 3.0, 4.0))));
        assertNull(QualityGates.predicate(new Check.Unique(ABOUT, List.of("a"))));
        assertNull(QualityGates.predicate(new Check.Relationships(ABOUT, "a", "t", "id")));
        assertNull(QualityGates.predicate(new Check.RowCount(ABOUT, 1L, null)));
        assertNull(QualityGates.predicate(new Check.Sql(ABOUT, "x.sql")));
    }

    @Test
    void offendingRowsAddTheReasonOrTypeFoundAndGroupOrJoinForTheOthers() {
        assertEquals("SELECT *, ST_IsValidReason(\"g\"::geometry) AS reason FROM \"s\".\"lot\" WHERE NOT ST_IsValid(\"g\"::geometry)",
                QualityGates.offendingRows(null, null, new Check.Valid(ABOUT, "g"), "\"s\""));
        assertEquals("SELECT *, GeometryType(\"g\"::geometry) AS found FROM \"s\".\"lot\" WHERE GeometryType(\"g\"::geometry)"
                        + " NOT IN ('POINT')",
                QualityGates.offendingRows(null, null, new Check.GeometryType(ABOUT, "g", List.of("point")), "\"s\""));
        assertEquals("SELECT * FROM \"s\".\"lot\" WHERE \"a\" IS NULL",
                QualityGates.offendingRows(null, null, new Check.NotNull(ABOUT, List.of("a")), "\"s\""));
        assertEquals("SELECT \"a\", \"b\", count(*) AS copies FROM \"s\".\"lot\" GROUP BY \"a\", \"b\" HAVING count(*) > 1",
                QualityGates.offendingRows(null, null, new Check.Unique(ABOUT, List.of("a", "b")), "\"s\""));
        assertEquals("SELECT c.* FROM \"s\".\"lot\" c WHERE c.\"a\" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \"s\".\"t\" p"
                        + " WHERE p.\"id\" = c.\"a\")",
                QualityGates.offendingRows(null, null, new Check.Relationships(ABOUT, "a", "t", "id"), "\"s\""));
    }
}
