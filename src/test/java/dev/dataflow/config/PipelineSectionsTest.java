package dev.dataflow.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seams of the split parser: one record per check and source kind, and file checks only after reading. */
class PipelineSectionsTest {
    private static final String STEPS = """
            steps:
              - {id: pg:model:transform, kind: transform}
              - {id: shp:convert, kind: convert}
            """;

    @TempDir
    Path dir;

    private Pipeline parse(String yaml) {
        return new PipelineParser(new Env(Map.<String, String>of()::get)).parse(yaml, "pipeline.yaml", dir);
    }

    @Test
    void everyCheckKindReadsIntoItsOwnRecordWithOnlyItsFields() throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/orphans.sql"), "SELECT 1");
        Pipeline p = parse(STEPS + """
                domains:
                  d:
                    tables: [t, u]
                    checks:
                      - {check: not_null, table: t, columns: [a, b]}
                      - {check: unique, table: t, column: a, columns: [b]}
                      - {check: accepted_values, table: t, column: a, values: [x, y]}
                      - {check: relationships, table: t, column: a, to: u, field: id}
                      - {check: row_count, table: t, min: 5, max_change: 10%, severity: warn}
                      - {check: valid, table: t, column: g}
                      - {check: srid, table: t, column: g, srid: 2263}
                      - {check: geometry_type, table: t, column: g, types: [MultiPolygon]}
                      - {check: not_empty, table: t, column: g}
                      - {check: within_extent, table: t, column: g, extent: [1, 2, 3, 4.5]}
                      - {check: sql, name: no orphans, sql: orphans.sql}
                """);
        List<Check> checks = p.domain("d").orElseThrow().checks();
        assertEquals(CheckReader.KINDS, checks.stream().map(Check::yamlName).toList());
        assertEquals(List.of("a", "b"), assertInstanceOf(Check.NotNull.class, checks.get(0)).columns());
        assertEquals(List.of("a", "b"), assertInstanceOf(Check.Unique.class, checks.get(1)).columns());
        Check.AcceptedValues accepted = assertInstanceOf(Check.AcceptedValues.class, checks.get(2));
        assertEquals("a", accepted.column());
        assertEquals(List.of("x", "y"), accepted.values());
        assertEquals(new Check.Relationships(checks.get(3).about(), "a", "u", "id"), checks.get(3));
        Check.RowCount rowCount = assertInstanceOf(Check.RowCount.class, checks.get(4));
        assertEquals(5L, rowCount.min());
        assertEquals(10.0, rowCount.maxChangePercent());
        assertTrue(rowCount.warn());
        assertEquals("row_count(t)", rowCount.name());
        assertEquals(2263, assertInstanceOf(Check.Srid.class, checks.get(6)).srid());
        assertEquals(List.of("MultiPolygon"), assertInstanceOf(Check.GeometryType.class, checks.get(7)).types());
        assertEquals(List.of(1.0, 2.0, 3.0, 4.5), assertInstanceOf(Check.WithinExtent.class, checks.get(9)).extent());
        Check.Sql sql = assertInstanceOf(Check.Sql.class, checks.get(10));
        assertEquals("orphans.sql", sql.sql());
        assertNull(sql.table());
        assertFalse(sql.warn());
        assertEquals("no orphans", sql.name());
        assertEquals("pipeline.yaml:18:9", sql.pos().toString());
    }

    @Test
    void aSourceIsCsvOrShapefileWhereverItComesFrom() throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/boroughs.zip"), "");
        Pipeline p = parse(STEPS + """
                domains:
                  d:
                    tables: [t]
                    sources:
                      - {bucket: edm-recipes, key: datasets/agency/agency.csv, table: source_agency, columns: [a]}
                      - name: boroughs
                        file: data/boroughs.zip
                        table: source_borough
                        columns: [a]
                        convert: {promoteToMulti: true, srid: 2263, charset: latin1, format: wkt, dimensions: 2}
                      - bucket: edm-publishing
                        key: dcp/lots.shp.zip
                        table: source_lot
                        columns: [a]
                        convert: {output: tax_lots.csv, geometryColumn: geom}
                """);
        List<Source> sources = p.domain("d").orElseThrow().sources();
        Source.Csv agency = assertInstanceOf(Source.Csv.class, sources.get(0));
        assertEquals(new SourceLocation.InBucket("edm-recipes", "datasets/agency/agency.csv"), agency.location());
        assertEquals("agency.csv", agency.fileName());
        assertEquals("source_agency", agency.name());
        assertTrue(agency.isRemote());
        assertFalse(agency.needsConversion());

        Source.Shapefile boroughs = assertInstanceOf(Source.Shapefile.class, sources.get(1));
        assertEquals(new SourceLocation.Shipped("data/boroughs.zip"), boroughs.location());
        assertEquals("boroughs.csv", boroughs.output());
        assertEquals(new ConvertOptions(true, 2263, true, 2, StandardCharsets.ISO_8859_1, "wkt", null, false),
                boroughs.options());
        assertEquals(dir.resolve("data/convert/boroughs.csv"), SourcePaths.loadable(p, boroughs));
        assertEquals(dir.resolve("data/boroughs.zip"), SourcePaths.original(p, boroughs));

        Source.Shapefile lots = assertInstanceOf(Source.Shapefile.class, sources.get(2));
        assertEquals("tax_lots.csv", lots.output());
        assertEquals(ConvertOptions.defaults().withGeometryColumn("geom"), lots.options());
        assertEquals(dir.resolve("data/download/edm-publishing/dcp/lots.shp.zip"), SourcePaths.original(p, lots));
    }

    @Test
    void convertOptionsAreCheckedWhileReadingSoBuildingThemNeverThrows() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(STEPS + """
                domains:
                  d:
                    sources:
                      - file: a.zip
                        table: source_a
                        columns: [a]
                        convert: {srid: -1, dimensions: 3, charset: klingon}
                """));
        String m = e.getMessage();
        assertTrue(m.contains("pipeline.yaml:10:25: srid must be a positive EPSG code, not -1"), m);
        assertTrue(m.contains("pipeline.yaml:10:41: dimensions may only be 2 (drop Z and M) (leave it out to keep Z/M)"), m);
        assertTrue(m.contains("pipeline.yaml:10:53: unknown charset 'klingon'"), m);
    }

    /**
     * Reading does not look at the disk: in an empty folder the only problems are those of the file checks that run
     * after it (SQL folder, templates, shipped files), reported together at the lines to fix.
     */
    @Test
    void onlyTheFileChecksAfterReadingLookAtTheDisk() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("""
                settings: {sqlDir: queries}
                steps:
                  - {id: pg:flow:configure, kind: sql, sql: [configure.sql, ../escape.sql]}
                domains:
                  d:
                    sources:
                      - {file: data/a.csv, table: source_a, columns: [a]}
                """));
        assertEquals(List.of(
                "pipeline.yaml:1:20: SQL folder queries does not exist",
                "pipeline.yaml:3:45: SQL file queries/configure.sql does not exist",
                "pipeline.yaml:3:45: SQL template ../escape.sql is outside queries",
                "pipeline.yaml:7:16: source file data/a.csv does not exist"),
                e.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void eachCrossCheckWorksOnADraftAlone() {
        Positions positions = new Positions();
        Step a = new Step("a:b:c", StepKind.SQL, null, List.of("x:y:z"), true, List.of(), "flow", "", new Pos("p", 1, 1));
        Step x = new Step("x:y:z", StepKind.DOWNLOAD, null, List.of("a:b:c"), true, List.of(), "flow", "",
                new Pos("p", 2, 1));
        positions.sqlKey("d", "x:y:z", new Pos("p", 9, 7));
        Settings settings = new Settings(Path.of("sql"), Path.of("dl"), Path.of("cv"), Path.of("r"), Path.of("s.ts"),
                1, 1, 0, 0, 1, PublishSettings.DEFAULT);
        Draft draft = new Draft(dir, settings, List.of(a, x), List.of(), positions);
        List<Problem> problems = new java.util.ArrayList<>();
        new StepGraphCheck().check(draft, problems);
        new DomainSqlCheck().check(draft, problems);
        assertEquals(List.of("p:1:1: steps depend on each other in a cycle: a:b:c -> x:y:z -> a:b:c (remove one of the needs)",
                "p:9:7: step x:y:z (kind download) does not run SQL templates"),
                problems.stream().map(Problem::toString).toList());
    }
}
