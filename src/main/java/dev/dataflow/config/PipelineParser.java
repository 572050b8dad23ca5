package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses pipeline.yaml into an immutable {@link Pipeline}, in two phases: section readers turn the YAML into records
 * (unknown keys, wrong types, bad values), then the {@link CrossCheck}s compare the sections and look at the files
 * they name (unknown references, cycles, missing SQL and source files). Every problem is collected, with its
 * position, before failing.
 */
public final class PipelineParser {
    private static final Set<String> TOP = Yaml.keys("name", "connections", "settings", "vars", "steps", "domains");

    /**
     * A pipeline file is a few kB; the NYC flow's is 20 kB. Beyond 1 MiB it is a mistake, and the YAML parser's time grows
     * faster than linearly with a huge scalar (3 MB took 13.6 s), so it is refused before parsing.
     */
    static final int MAX_BYTES = 1 << 20;

    private final Env env;

    public PipelineParser(Env env) {
        this.env = env;
    }

    /** Reads and parses the file; throws {@link ConfigException} listing every problem found. */
    public Pipeline parse(Path file) {
        String text;
        try {
            text = TextFiles.read(file, file.getFileName().toString(), MAX_BYTES);
        } catch (ConfigException e) {
            throw e;
        } catch (IOException e) {
            throw new ConfigException(new Problem(Pos.of(file.toString()), "cannot read pipeline file: " + e.getMessage(),
                    "pass --pipeline FILE or run from the project folder"));
        }
        Path abs = file.toAbsolutePath().normalize();
        return parse(text, file.getFileName().toString(), abs.getParent());
    }

    /** Parses text as if read from {@code label} in {@code baseDir} (relative paths resolve there). */
    public Pipeline parse(String text, String label, Path baseDir) {
        List<Problem> problems = new ArrayList<>();
        Yaml yaml = new Yaml(label, problems);
        Optional<Node> root = yaml.compose(text);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Problem(Pos.of(label), "the file is empty", null));
            }
            throw new ConfigException(inFileOrder(problems));
        }
        ValueReader values = new ValueReader(yaml, env);
        Positions positions = new Positions();
        Map<String, Node> top = yaml.mapping(root.get(), "the pipeline", TOP);
        String name = top.containsKey("name") ? yaml.string(top.get("name"), "name") : "pipeline";
        ConnectionsReader.Connections conns = new ConnectionsReader(yaml, values).read(top.get("connections"), root.get());
        SettingsReader settingsReader = new SettingsReader(yaml, values);
        Settings settings = settingsReader.settings(top.get("settings"), positions);
        Map<String, Object> vars = settingsReader.vars(top.get("vars"));
        List<Step> steps = new StepsReader(yaml).read(top.get("steps"), root.get(), positions);
        List<Domain> domains = new DomainsReader(yaml).read(top.get("domains"), positions);
        Draft draft = new Draft(baseDir, settings, steps, domains, positions);
        CrossCheck.all().forEach(check -> check.check(draft, problems));
        if (!problems.isEmpty()) {
            throw new ConfigException(inFileOrder(problems));
        }
        return new Pipeline(baseDir.resolve(label), baseDir, name, conns.flow(), conns.target(), conns.storage(), settings,
                vars, List.copyOf(steps), List.copyOf(domains));
    }

    /**
     * The problems as a compiler lists them: by file (in the order the files first come up), then line and column, so
     * what the readers found and what the later checks found read top to bottom together. Equal positions keep the
     * order they were found in.
     */
    static List<Problem> inFileOrder(List<Problem> problems) {
        Map<String, List<Problem>> byFile = new LinkedHashMap<>();
        for (Problem p : problems) {
            byFile.computeIfAbsent(p.pos() == null ? "" : p.pos().file(), f -> new ArrayList<>()).add(p);
        }
        Comparator<Problem> byPlace = Comparator.comparingInt((Problem p) -> p.pos() == null ? 0 : p.pos().line())
                .thenComparingInt(p -> p.pos() == null ? 0 : p.pos().col());
        List<Problem> out = new ArrayList<>();
        byFile.values().forEach(list -> list.stream().sorted(byPlace).forEach(out::add));
        return out;
    }
}
