package dev.dataflow.plan;

import dev.dataflow.config.ConfigException;
import dev.dataflow.config.Env;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.PipelineParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {
    /** The NYC step list and domain graph, without SQL files (the planner never reads them). */
    static final String YAML = """
            steps:
              - {id: drizzle:api:pull, kind: drizzle-pull, flow: false}
              - {id: minio:download, kind: download, group: download}
              - {id: shp:convert, kind: convert, group: download, needs: [minio:download]}
              - {id: pg:flow:configure, kind: sql, group: configure}
              - {id: pg:flow:push, kind: drizzle-push, group: configure, needs: [pg:flow:configure]}
              - {id: pg:source:create, kind: sql, group: seed, needs: [pg:flow:push]}
              - {id: pg:source:load, kind: load, group: seed, needs: [pg:source:create, shp:convert]}
              - {id: pg:model:create, kind: model-create, group: seed, needs: [pg:flow:push]}
              - {id: pg:model:transform, kind: transform, group: populate, needs: [pg:source:load, pg:model:create]}
              - {id: pg:target:populate, kind: populate, group: populate, needs: [pg:model:transform]}
            domains:
              boroughs: {tables: [borough]}
              admin: {parents: [boroughs], tables: [community_district]}
              pluto: {parents: [boroughs], tables: [tax_lot]}
              capital-planning: {tables: [capital_project]}
              agency-leaf: {parents: [capital-planning, pluto], tables: [leaf]}
            """;

    static Pipeline pipeline;

    @BeforeAll
    static void parse(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("sql"));
        pipeline = new PipelineParser(new Env(Map.<String, String>of()::get)).parse(YAML, "pipeline.yaml", dir);
    }

    /** selection | step ids (short) | build domains | publish domains. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "flow                     | download convert configure push create load model transform populate | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
            "--group seed             | create load model | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
            "--group download --group configure | download convert configure push | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
            "--step drizzle:api:pull  | pull | - | -",
            "--from pg:source:load    | load model transform populate | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
            "--from drizzle:api:pull  | pull download convert configure push create load model transform populate | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
            "--domain pluto           | download convert configure push create load model transform populate | boroughs pluto capital-planning agency-leaf | pluto agency-leaf",
            "--domain admin           | download convert configure push create load model transform populate | boroughs admin | admin",
            "--domain boroughs        | download convert configure push create load model transform populate | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto agency-leaf",
            "--domain capital-planning --group populate | transform populate | boroughs pluto capital-planning agency-leaf | capital-planning agency-leaf",
            "--domain admin --domain pluto --step pg:target:populate | populate | boroughs admin pluto capital-planning agency-leaf | admin pluto agency-leaf",
            "--domain all --group seed --from pg:source:load | load model | boroughs admin pluto capital-planning agency-leaf | boroughs admin pluto capital-planning agency-leaf",
    })
    void selectionToPlan(String args, String steps, String build, String publish) {
        Plan plan = Planner.plan(pipeline, selection(args));
        List<String> ids = plan.steps().stream().map(s -> shortName(s.step().id())).toList();
        assertEquals(words(steps), ids, "steps");
        List<String> stepDomains = plan.steps().stream().flatMap(s -> s.domains().stream()).distinct().toList();
        if (!build.equals("-")) {
            assertEquals(words(build), plan.build(), "build domains");
            assertEquals(words(publish), plan.publish(), "publish domains");
        } else {
            assertTrue(stepDomains.isEmpty(), "a step with no domain scope covers no domain");
        }
    }

    @Test
    void reasonsSayWhyEachDomainIsIncluded() {
        Plan plan = Planner.plan(pipeline, selection("--domain pluto"));
        assertEquals("selected", plan.buildReasons().get("pluto"));
        assertEquals("parent of pluto", plan.buildReasons().get("boroughs"));
        assertEquals("child of pluto", plan.buildReasons().get("agency-leaf"));
        assertEquals("parent of agency-leaf (child of pluto)", plan.buildReasons().get("capital-planning"));
        assertEquals("child of pluto", plan.publishReasons().get("agency-leaf"));
    }

    @Test
    void populateCoversPublishDomainsAndLoadCoversBuildDomains() {
        Plan plan = Planner.plan(pipeline, selection("--domain admin"));
        Map<String, List<String>> byStep = new java.util.HashMap<>();
        plan.steps().forEach(s -> byStep.put(shortName(s.step().id()), s.domains()));
        assertEquals(List.of("boroughs", "admin"), byStep.get("load"));
        assertEquals(List.of("admin"), byStep.get("populate"));
        assertEquals(List.of(), byStep.get("push"));
    }

    @Test
    void unknownNamesGetDidYouMean() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Planner.plan(pipeline, selection("--domain plutoo --group sed --step pg:source:lod")));
        String m = e.getMessage();
        assertTrue(m.contains("unknown domain 'plutoo' (did you mean 'pluto'?)"), m);
        assertTrue(m.contains("unknown group 'sed' (did you mean 'seed'?)"), m);
        assertTrue(m.contains("unknown step 'pg:source:lod' (did you mean 'pg:source:load'?)"), m);
        assertEquals(3, e.problems().size());
    }

    private static Selection selection(String args) {
        List<String> a = Arrays.asList(args.trim().split("\\s+"));
        List<String> groups = new java.util.ArrayList<>();
        List<String> steps = new java.util.ArrayList<>();
        List<String> domains = new java.util.ArrayList<>();
        String from = null;
        for (int i = 0; i < a.size(); i++) {
            switch (a.get(i)) {
                case "--group" -> groups.add(a.get(++i));
                case "--step" -> steps.add(a.get(++i));
                case "--domain" -> domains.add(a.get(++i));
                case "--from" -> from = a.get(++i);
                default -> {
                }
            }
        }
        return new Selection(groups, steps, from, domains);
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    private static String shortName(String id) {
        return switch (id) {
            case "drizzle:api:pull" -> "pull";
            case "minio:download" -> "download";
            case "shp:convert" -> "convert";
            case "pg:flow:configure" -> "configure";
            case "pg:flow:push" -> "push";
            case "pg:source:create" -> "create";
            case "pg:source:load" -> "load";
            case "pg:model:create" -> "model";
            case "pg:model:transform" -> "transform";
            case "pg:target:populate" -> "populate";
            default -> id;
        };
    }
}
