package dev.dataflow.config;

import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses pipeline.yaml into an immutable {@link Pipeline}, collecting every problem (unknown keys, wrong types, unknown
 * references, cycles, missing SQL files) with its position before failing.
 */
public final class PipelineParser {
    private static final Pattern STEP_ID = Pattern.compile("[a-z0-9-]+(:[a-z0-9-]+){1,2}");
    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_ .-]*");
    private static final Set<String> TOP = ordered("name", "connections", "settings", "vars", "steps", "domains");
    private static final Set<String> CONNECTIONS = ordered("flow", "target", "storage");
    private static final Set<String> DATABASE = ordered("url", "host", "port", "database", "user", "password", "schema");
    private static final Set<String> STORAGE = ordered("endpoint", "accessKey", "secretKey", "region", "pathStyle");
    private static final Set<String> SETTINGS = ordered("sqlDir", "downloadDir", "convertDir", "renderDir",
            "drizzleSchema", "loadParallelism", "downloadParallelism", "splitLoadMiB", "rebuildIndexesMiB",
            "transformParallelism", "publishMode", "lockTimeoutMs", "lockRetries", "keepPrevious");
    private static final Set<String> STEP = ordered("id", "kind", "group", "needs", "flow", "sql", "database",
            "description");
    private static final Set<String> DOMAIN = ordered("parents", "tables", "sources", "sql", "checks");
    private static final Set<String> CHECK = ordered("check", "name", "table", "column", "columns", "values", "to",
            "field", "min", "max_change", "srid", "types", "extent", "sql", "severity");
    private static final Set<String> SOURCE = ordered("name", "bucket", "key", "file", "convert", "table", "columns");
    private static final Set<String> CONVERT = ordered("promoteToMulti", "srid", "format", "dimensions", "charset",
            "geometryColumn", "output");

    /**
     * A pipeline file is a few kB; the NYC flow's is 20 kB. Beyond 1 MiB it is a mistake, and the YAML parser's time grows
     * faster than linearly with a huge scalar (3 MB took 13.6 s), so it is refused before parsing.
     */
    static final int MAX_BYTES = 1 << 20;

    private final Env env;
    private final List<Problem> problems = new ArrayList<>();
    private Yaml yaml;
    private String fileLabel;
    private Path baseDir;

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
        this.fileLabel = label;
        this.baseDir = baseDir;
        this.yaml = new Yaml(label, problems);
        Optional<Node> root = yaml.compose(text);
        if (root.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Problem(Pos.of(label), "the file is empty", null));
            }
            throw new ConfigException(problems);
        }
        Map<String, Node> top = yaml.mapping(root.get(), "the pipeline", TOP);
        String name = top.containsKey("name") ? yaml.string(top.get("name"), "name") : "pipeline";
        Map<String, Node> conns = top.containsKey("connections")
                ? yaml.mapping(top.get("connections"), "connections", CONNECTIONS) : Map.of();
        Database flow = database("flow", conns.get("flow"), root.get());
        Database target = database("target", conns.get("target"), root.get());
        Storage storage = storage(conns.get("storage"), root.get());
        Settings settings = settings(top.get("settings"));
        Map<String, Object> vars = vars(top.get("vars"));
        List<Step> steps = steps(top.get("steps"), root.get(), settings);
        List<Domain> domains = domains(top.get("domains"), steps, settings);
        checkStepCycles(steps);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Pipeline(baseDir.resolve(label), baseDir, name, flow, target, storage, settings, vars,
                List.copyOf(steps), List.copyOf(domains));
    }

    // ---- connections -------------------------------------------------------------------------------------------

    private Database database(String role, Node node, Node root) {
        List<String> unset = new ArrayList<>();
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "connections." + role, DATABASE);
        Pos pos = yaml.pos(node == null ? root : node);
        String url = text(m.get("url"), unset);
        String host = orDefault(text(m.get("host"), unset), "localhost");
        String port = orDefault(text(m.get("port"), unset), "5432");
        String db = orDefault(text(m.get("database"), unset), role);
        String user = orDefault(text(m.get("user"), unset), "postgres");
        String password = orDefault(text(m.get("password"), unset), "");
        String schema = orDefault(text(m.get("schema"), unset), "public");
        if (!Identifiers.isValid(schema)) {
            yaml.problem(m.get("schema"), "schema '" + schema + "' is not a valid identifier", "use [a-z_][a-z0-9_]*");
        }
        String jdbc;
        if (url != null && !url.isBlank()) {
            UrlParts parts = parseUrl(url.strip(), m.get("url"));
            jdbc = parts.jdbc;
            if (parts.user != null) {
                user = parts.user;
            }
            if (parts.password != null) {
                password = parts.password;
            }
        } else {
            if (!port.matches("\\d{1,5}")) {
                problemFromValue(m.get("port"), "port must be a number, not '" + port + "'", null);
            }
            jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
        return new Database(role, jdbc, user, password, schema, List.copyOf(unset), pos);
    }

    private record UrlParts(String jdbc, String user, String password) {
    }

    /**
     * A problem with an interpolated value: at the .env line the value came from when it came from one (that is
     * where the fix goes), else at the pipeline.yaml node.
     */
    private void problemFromValue(Node at, String message, String hint) {
        java.util.Optional<Pos> from = at == null ? java.util.Optional.empty() : env.origin(yaml.string(at, "value"));
        if (from.isPresent()) {
            problems.add(new Problem(from.get(), message + " (used at " + yaml.pos(at) + ")", hint));
        } else {
            yaml.problem(at, message, hint);
        }
    }

    /** Accepts postgres://user:pass@host:port/db?params, postgresql://..., or jdbc:postgresql://... */
    private UrlParts parseUrl(String url, Node at) {
        try {
            ConnectionUrl u = ConnectionUrl.parse(url);
            return new UrlParts(u.jdbc(), u.user(), u.password());
        } catch (ConnectionUrl.Malformed e) {
            // The message names the malformed part; it never quotes the URL, which may hold a password.
            problemFromValue(at, e.getMessage(), e.hint);
            return new UrlParts("jdbc:postgresql://invalid/", null, null);
        }
    }

    private Storage storage(Node node, Node root) {
        List<String> unset = new ArrayList<>();
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "connections.storage", STORAGE);
        String endpoint = orDefault(text(m.get("endpoint"), unset), "");
        String access = orDefault(text(m.get("accessKey"), unset), "");
        String secret = orDefault(text(m.get("secretKey"), unset), "");
        String region = orDefault(text(m.get("region"), unset), "us-east-1");
        String pathStyle = orDefault(text(m.get("pathStyle"), unset), "true");
        boolean ps = !pathStyle.equalsIgnoreCase("false");
        return new Storage(endpoint, access, secret, region, ps, List.copyOf(unset), yaml.pos(node == null ? root : node));
    }

    /** An interpolated scalar, or null when absent. */
    private String text(Node node, List<String> unset) {
        if (node == null || Yaml.isNull(node)) {
            return null;
        }
        String raw = yaml.string(node, "value");
        if (raw == null) {
            return null;
        }
        Env.Interpolated i = env.interpolate(raw);
        unset.addAll(i.unset());
        return i.value();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    // ---- settings and vars -------------------------------------------------------------------------------------

    private Settings settings(Node node) {
        Map<String, Node> m = node == null ? Map.of() : yaml.mapping(node, "settings", SETTINGS);
        List<String> ignored = new ArrayList<>();
        Path sql = Path.of(orDefault(text(m.get("sqlDir"), ignored), "sql"));
        Path download = Path.of(orDefault(text(m.get("downloadDir"), ignored), "data/download"));
        Path convert = Path.of(orDefault(text(m.get("convertDir"), ignored), "data/convert"));
        Path render = Path.of(orDefault(text(m.get("renderDir"), ignored), "target/rendered"));
        Path drizzle = Path.of(orDefault(text(m.get("drizzleSchema"), ignored), "drizzle/migrations/schema.ts"));
        int load = positive(m.get("loadParallelism"), "settings.loadParallelism", 4);
        int dl = positive(m.get("downloadParallelism"), "settings.downloadParallelism", 4);
        int transform = positive(m.get("transformParallelism"), "settings.transformParallelism",
                Settings.TRANSFORM_PARALLELISM);
        int split = 0;
        if (m.get("splitLoadMiB") != null) {
            Integer v = yaml.integer(m.get("splitLoadMiB"), "settings.splitLoadMiB");
            if (v != null && v < 0) {
                yaml.problem(m.get("splitLoadMiB"), "settings.splitLoadMiB must be 0 (never split) or more", null);
            }
            split = v == null || v < 0 ? 0 : v;
        }
        int rebuild = Settings.REBUILD_INDEXES_MIB;
        Node rebuildNode = m.get("rebuildIndexesMiB");
        String rebuildText = rebuildNode == null ? null : yaml.string(rebuildNode, "settings.rebuildIndexesMiB");
        if ("never".equals(rebuildText)) {
            rebuild = Settings.NEVER;
        } else if (rebuildText != null) {
            Integer v = yaml.integer(rebuildNode, "settings.rebuildIndexesMiB");
            if (v != null && v < 0) {
                yaml.problem(rebuildNode, "settings.rebuildIndexesMiB must be 0 (every table), more, or never", null);
            }
            rebuild = v == null || v < 0 ? rebuild : v;
        }
        Path sqlAbs = sql.isAbsolute() ? sql : baseDir.resolve(sql).normalize();
        if (!Files.isDirectory(sqlAbs)) {
            problems.add(new Problem(m.containsKey("sqlDir") ? yaml.pos(m.get("sqlDir")) : Pos.of(fileLabel),
                    "SQL folder " + sql + " does not exist", null));
        }
        return new Settings(sql, download, convert, render, drizzle, load, dl, split, rebuild, transform,
                PublishSettings.parse(yaml, m));
    }

    private int positive(Node node, String what, int fallback) {
        if (node == null) {
            return fallback;
        }
        Integer v = yaml.integer(node, what);
        if (v != null && v < 1) {
            yaml.problem(node, what + " must be at least 1", null);
        }
        return v == null || v < 1 ? fallback : v;
    }

    private Map<String, Object> vars(Node node) {
        if (node == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        yaml.mapping(node, "vars", null).forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                yaml.problem(v, "var name '" + k + "' must be a plain name", null);
            }
            Object value = yaml.plain(v);
            checkVarValue(k, value, v);
            out.put(k, value instanceof String s ? env.interpolate(s).value() : value);
        });
        return out;
    }

    private void checkVarValue(String name, Object value, Node at) {
        if (value instanceof String s && !Identifiers.isSafeValue(env.interpolate(s).value())) {
            yaml.problem(at, "var '" + name + "' holds characters that could change the SQL it is pasted into",
                    "vars may hold letters, digits, spaces and _ . , : / + @ = - only");
        } else if (value instanceof List<?> list) {
            list.forEach(item -> checkVarValue(name, item, at));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> checkVarValue(name, item, at));
        }
    }

    // ---- steps -------------------------------------------------------------------------------------------------

    private List<Step> steps(Node node, Node root, Settings settings) {
        List<Step> steps = new ArrayList<>();
        if (node == null) {
            problems.add(new Problem(yaml.pos(root), "the pipeline declares no steps", "add a 'steps:' list"));
            return steps;
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Node item : yaml.sequence(node, "steps")) {
            Map<String, Node> m = yaml.mapping(item, "a step", STEP);
            String id = m.containsKey("id") ? yaml.string(m.get("id"), "step id") : null;
            if (id == null) {
                yaml.problem(item, "a step needs an id", "ids look like <tool>:<target>:<operation>");
                continue;
            }
            if (!STEP_ID.matcher(id).matches()) {
                yaml.problem(m.get("id"), "step id '" + id + "' must look like <tool>:<target>:<operation>", null);
            }
            if (!seen.add(id)) {
                yaml.problem(m.get("id"), "step id '" + id + "' is declared twice", null);
            }
            StepKind kind = null;
            String kindName = m.containsKey("kind") ? yaml.string(m.get("kind"), "kind") : null;
            if (kindName == null) {
                yaml.problem(item, "step " + id + " needs a kind", kindHint());
            } else {
                kind = StepKind.fromYaml(kindName).orElse(null);
                if (kind == null) {
                    yaml.problem(m.get("kind"), "unknown step kind '" + kindName + "'",
                            Names.didYouMean(kindName, kindNames()).orElse(kindHint()));
                }
            }
            String group = m.containsKey("group") && !Yaml.isNull(m.get("group"))
                    ? yaml.string(m.get("group"), "group") : null;
            List<String> needs = yaml.strings(m.get("needs"), "needs");
            Boolean flow = m.containsKey("flow") ? yaml.bool(m.get("flow"), "flow") : Boolean.TRUE;
            List<String> sql = yaml.strings(m.get("sql"), "sql");
            checkTemplates(sql, m.get("sql"), settings);
            String database = m.containsKey("database") ? yaml.string(m.get("database"), "database") : "flow";
            if (database != null && !database.equals("flow") && !database.equals("target")) {
                yaml.problem(m.get("database"), "database must be flow or target, not '" + database + "'", null);
            }
            String description = m.containsKey("description") ? yaml.string(m.get("description"), "description") : "";
            steps.add(new Step(id, kind, group, List.copyOf(needs), flow == null || flow, List.copyOf(sql), database,
                    description, yaml.pos(item)));
        }
        Set<String> ids = seen;
        for (Step s : steps) {
            for (String need : s.needs()) {
                if (!ids.contains(need)) {
                    problems.add(new Problem(s.pos(), "step " + s.id() + " needs unknown step '" + need + "'",
                            Names.didYouMean(need, ids).orElse(null)));
                }
            }
        }
        return steps;
    }

    private static List<String> kindNames() {
        return java.util.Arrays.stream(StepKind.values()).map(StepKind::yamlName).toList();
    }

    private static String kindHint() {
        return "kinds: " + String.join(", ", kindNames());
    }

    private void checkTemplates(List<String> templates, Node at, Settings settings) {
        Path dir = settings.sqlDir().isAbsolute() ? settings.sqlDir() : baseDir.resolve(settings.sqlDir());
        for (String t : templates) {
            Path p = dir.resolve(t).normalize();
            if (!p.startsWith(dir.normalize())) {
                yaml.problem(at, "SQL template " + t + " is outside " + settings.sqlDir(), null);
            } else if (!Files.isRegularFile(p)) {
                yaml.problem(at, "SQL file " + settings.sqlDir().resolve(t) + " does not exist", null);
            }
        }
    }

    private void checkStepCycles(List<Step> steps) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        Map<String, Pos> pos = new HashMap<>();
        for (Step s : steps) {
            edges.put(s.id(), s.needs());
            pos.put(s.id(), s.pos());
        }
        Cycles.find(edges).ifPresent(cycle -> problems.add(new Problem(pos.get(cycle.get(0)),
                "steps depend on each other in a cycle: " + String.join(" -> ", cycle), "remove one of the needs")));
    }

    // ---- domains -----------------------------------------------------------------------------------------------

    private List<Domain> domains(Node node, List<Step> steps, Settings settings) {
        List<Domain> domains = new ArrayList<>();
        if (node == null) {
            return domains;
        }
        Map<String, Node> keys = yaml.keyNodes(node);
        Map<String, Node> entries = yaml.mapping(node, "domains", null);
        Map<String, String> tableOwner = new HashMap<>();
        Set<String> stepIds = new LinkedHashSet<>();
        steps.forEach(s -> stepIds.add(s.id()));
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            String name = e.getKey();
            Node keyNode = keys.get(name);
            if (name.equals("all")) {
                yaml.problem(keyNode, "'all' is reserved: it selects every domain", "rename the domain");
                continue;
            }
            if (!DOMAIN_NAME.matcher(name).matches()) {
                yaml.problem(keyNode, "domain name '" + name + "' must match [a-z][a-z0-9-]*", null);
            }
            Node body = e.getValue();
            Map<String, Node> m = Yaml.isNull(body) ? Map.of() : yaml.mapping(body, "domain " + name, DOMAIN);
            List<String> parents = yaml.strings(m.get("parents"), "parents");
            List<String> tables = yaml.strings(m.get("tables"), "tables");
            for (String t : tables) {
                if (!Identifiers.isValid(t)) {
                    yaml.problem(m.get("tables"), "table name '" + t + "' is not a valid identifier",
                            "use [a-z_][a-z0-9_]* or a double-quoted name");
                }
                String owner = tableOwner.putIfAbsent(t, name);
                if (owner != null) {
                    yaml.problem(m.get("tables"), "table " + t + " is owned by both " + owner + " and " + name, null);
                }
            }
            List<Source> sources = new ArrayList<>();
            if (m.containsKey("sources")) {
                for (Node s : yaml.sequence(m.get("sources"), "sources")) {
                    Source src = source(name, s);
                    if (src != null) {
                        sources.add(src);
                    }
                }
            }
            Map<String, List<String>> sql = new LinkedHashMap<>();
            if (m.containsKey("sql")) {
                Map<String, Node> sqlKeys = yaml.keyNodes(m.get("sql"));
                yaml.mapping(m.get("sql"), "domain " + name + " sql", null).forEach((stepId, v) -> {
                    Optional<Step> step = steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
                    if (step.isEmpty()) {
                        yaml.problem(sqlKeys.get(stepId), "unknown step '" + stepId + "' in domain " + name + " sql",
                                Names.didYouMean(stepId, stepIds).orElse(null));
                    } else if (step.get().kind() != null && step.get().kind() != StepKind.SQL
                            && step.get().kind() != StepKind.TRANSFORM) {
                        yaml.problem(sqlKeys.get(stepId), "step " + stepId + " (kind " + step.get().kind().yamlName()
                                + ") does not run SQL templates", null);
                    }
                    List<String> files = yaml.strings(v, "sql");
                    checkTemplates(files, v, settings);
                    sql.put(stepId, List.copyOf(files));
                });
            }
            List<Check> checks = new ArrayList<>();
            if (m.containsKey("checks")) {
                for (Node c : yaml.sequence(m.get("checks"), "checks")) {
                    Check check = check(name, tables, c, settings);
                    if (check != null) {
                        checks.add(check);
                    }
                }
            }
            domains.add(new Domain(name, List.copyOf(parents), List.copyOf(tables), List.copyOf(sources),
                    Map.copyOf(sql), List.copyOf(checks), yaml.pos(keyNode)));
        }
        Set<String> names = new LinkedHashSet<>();
        domains.forEach(d -> names.add(d.name()));
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (Domain d : domains) {
            for (String p : d.parents()) {
                if (!names.contains(p)) {
                    problems.add(new Problem(d.pos(), "domain " + d.name() + " has unknown parent '" + p + "'",
                            Names.didYouMean(p, names).orElse("domains: " + String.join(", ", names))));
                }
            }
            edges.put(d.name(), d.parents());
        }
        Cycles.find(edges).ifPresent(cycle -> problems.add(new Problem(
                domains.stream().filter(d -> d.name().equals(cycle.get(0))).findFirst().map(Domain::pos).orElse(null),
                "domain parents form a cycle: " + String.join(" -> ", cycle), null)));
        for (Domain d : domains) {
            for (Source s : d.sources()) {
                if (tableOwner.containsKey(s.table())) {
                    problems.add(new Problem(s.pos(), "source table " + s.table() + " has the name of a model table",
                            "source tables are usually named source_*"));
                }
            }
        }
        return domains;
    }

    private Check check(String domain, List<String> tables, Node node, Settings settings) {
        Map<String, Node> m = yaml.mapping(node, "a check of " + domain, CHECK);
        String kindName = m.containsKey("check") ? yaml.string(m.get("check"), "check") : null;
        List<String> kinds = java.util.Arrays.stream(Check.Kind.values()).map(Check.Kind::yamlName).toList();
        if (kindName == null) {
            yaml.problem(node, "a check needs 'check: <kind>'", "kinds: " + String.join(", ", kinds));
            return null;
        }
        if (!kinds.contains(kindName)) {
            yaml.problem(m.get("check"), "unknown check '" + kindName + "'",
                    Names.didYouMean(kindName, kinds).orElse("kinds: " + String.join(", ", kinds)));
            return null;
        }
        Check.Kind kind = Check.Kind.valueOf(kindName.toUpperCase());
        String table = m.containsKey("table") ? yaml.string(m.get("table"), "table") : null;
        if (kind != Check.Kind.SQL) {
            if (table == null) {
                yaml.problem(node, "check " + kindName + " needs a table", null);
                return null;
            }
            if (!tables.contains(table)) {
                yaml.problem(m.get("table"), "table " + table + " is not a table of domain " + domain,
                        Names.didYouMean(table, tables).orElse("tables: " + String.join(", ", tables)));
            }
        }
        List<String> columns = new ArrayList<>(yaml.strings(m.get("columns"), "columns"));
        if (m.containsKey("column")) {
            columns.add(0, yaml.string(m.get("column"), "column"));
        }
        for (String c : columns) {
            if (!Identifiers.isValid(c)) {
                yaml.problem(node, "column name '" + c + "' is not a valid identifier", null);
            }
        }
        boolean needsColumn = switch (kind) {
            case NOT_NULL, UNIQUE, ACCEPTED_VALUES, RELATIONSHIPS, VALID, SRID, GEOMETRY_TYPE, NOT_EMPTY, WITHIN_EXTENT -> true;
            default -> false;
        };
        if (needsColumn && columns.isEmpty()) {
            yaml.problem(node, "check " + kindName + " needs 'column' (or 'columns')", null);
        }
        List<String> values = new ArrayList<>(yaml.strings(m.get("values"), "values"));
        values.addAll(yaml.strings(m.get("types"), "types"));
        if ((kind == Check.Kind.ACCEPTED_VALUES || kind == Check.Kind.GEOMETRY_TYPE) && values.isEmpty()) {
            yaml.problem(node, "check " + kindName + " needs " + (kind == Check.Kind.ACCEPTED_VALUES ? "values" : "types"), null);
        }
        String to = m.containsKey("to") ? yaml.string(m.get("to"), "to") : null;
        String field = m.containsKey("field") ? yaml.string(m.get("field"), "field") : null;
        if (kind == Check.Kind.RELATIONSHIPS && (to == null || field == null || !Identifiers.isValid(to)
                || !Identifiers.isValid(field))) {
            yaml.problem(node, "check relationships needs 'to: <table>' and 'field: <column>' (identifiers)", null);
        }
        Integer minValue = m.containsKey("min") ? yaml.integer(m.get("min"), "min") : null;
        Long min = minValue == null ? null : minValue.longValue();
        Double maxChange = null;
        if (m.containsKey("max_change")) {
            String raw = yaml.string(m.get("max_change"), "max_change");
            try {
                maxChange = Double.parseDouble(raw.strip().replace("%", ""));
            } catch (RuntimeException e) {
                yaml.problem(m.get("max_change"), "max_change must look like 10%, not '" + raw + "'", null);
            }
        }
        if (kind == Check.Kind.ROW_COUNT && min == null && maxChange == null) {
            yaml.problem(node, "check row_count needs min and/or max_change", null);
        }
        Integer srid = m.containsKey("srid") ? yaml.integer(m.get("srid"), "srid") : null;
        if (kind == Check.Kind.SRID && srid == null) {
            yaml.problem(node, "check srid needs 'srid: <number>'", null);
        }
        List<Double> extent = new ArrayList<>();
        for (String e : yaml.strings(m.get("extent"), "extent")) {
            try {
                extent.add(Double.parseDouble(e));
            } catch (NumberFormatException ex) {
                yaml.problem(m.get("extent"), "extent values must be numbers", null);
            }
        }
        if (kind == Check.Kind.WITHIN_EXTENT && extent.size() != 4) {
            yaml.problem(node, "check within_extent needs 'extent: [xmin, ymin, xmax, ymax]'", null);
        }
        String sqlFile = m.containsKey("sql") ? yaml.string(m.get("sql"), "sql") : null;
        if (kind == Check.Kind.SQL) {
            if (sqlFile == null) {
                yaml.problem(node, "check sql needs 'sql: <template returning offending rows>'", null);
            } else {
                checkTemplates(List.of(sqlFile), m.get("sql"), settings);
            }
        }
        String severity = m.containsKey("severity") ? yaml.string(m.get("severity"), "severity") : "error";
        if (!"error".equals(severity) && !"warn".equals(severity)) {
            yaml.problem(m.get("severity"), "severity must be error or warn, not '" + severity + "'", null);
        }
        String name = m.containsKey("name") ? yaml.string(m.get("name"), "name")
                : kindName + "(" + (table == null ? "" : table) + (columns.isEmpty() ? "" : ": " + String.join(", ", columns)) + ")";
        return new Check(name, domain, kind, table, List.copyOf(columns), List.copyOf(values), to, field, min, maxChange,
                srid, List.copyOf(extent), sqlFile, "warn".equals(severity), yaml.pos(node));
    }

    private Source source(String domain, Node node) {
        Map<String, Node> m = yaml.mapping(node, "a source of " + domain, SOURCE);
        String bucket = m.containsKey("bucket") ? yaml.string(m.get("bucket"), "bucket") : null;
        String key = m.containsKey("key") ? yaml.string(m.get("key"), "key") : null;
        String file = m.containsKey("file") ? yaml.string(m.get("file"), "file") : null;
        String table = m.containsKey("table") ? yaml.string(m.get("table"), "table") : null;
        List<String> columns = yaml.strings(m.get("columns"), "columns");
        if ((bucket == null) != (key == null)) {
            yaml.problem(node, "a source with a bucket needs a key, and a key needs a bucket", null);
        }
        if (bucket != null) {
            ObjectKeys.whyBadBucket(bucket).ifPresent(why -> yaml.problem(m.get("bucket"), "bucket '" + bucket
                    + "' is not a valid bucket name: " + why, null));
        }
        if (key != null) {
            ObjectKeys.whyUnsafe(key).ifPresent(why -> yaml.problem(m.get("key"), "object key '" + key
                    + "' cannot be stored under the download folder: " + why,
                    "object keys are relative paths such as sub/path/file.csv"));
        }
        if ((bucket == null) == (file == null)) {
            yaml.problem(node, "a source is either an object (bucket + key) or a shipped file (file)", null);
        }
        if (file != null && !Files.isRegularFile(baseDir.resolve(file))) {
            yaml.problem(m.get("file"), "source file " + file + " does not exist", null);
        }
        if (table == null) {
            yaml.problem(node, "a source needs the table it loads into", null);
        } else if (!Identifiers.isValid(table)) {
            yaml.problem(m.get("table"), "table name '" + table + "' is not a valid identifier", null);
        }
        if (columns.isEmpty()) {
            yaml.problem(node, "a source needs its column list", "the CSV header names are matched against it");
        }
        for (String c : columns) {
            if (!Identifiers.isValid(c)) {
                yaml.problem(m.get("columns"), "column name '" + c + "' is not a valid identifier", null);
            }
        }
        ConvertSpec convert = m.containsKey("convert") ? convert(m.get("convert")) : null;
        String name = m.containsKey("name") ? yaml.string(m.get("name"), "name") : table;
        if (m.containsKey("name") && name != null && !SOURCE_NAME.matcher(name).matches()) {
            yaml.problem(m.get("name"), "source name '" + name + "' may hold only letters, digits, spaces and _ . -",
                    "it is a label that templates show as {{name}}; quotes could change the SQL it lands in");
        }
        if (bucket == null && key == null && file == null || table == null) {
            return null;
        }
        return new Source(name, domain, bucket, key, file, convert, table, List.copyOf(columns), yaml.pos(node));
    }

    private ConvertSpec convert(Node node) {
        Map<String, Node> m = yaml.mapping(node, "convert", CONVERT);
        boolean promote = m.containsKey("promoteToMulti") && Boolean.TRUE.equals(yaml.bool(m.get("promoteToMulti"),
                "promoteToMulti"));
        Integer srid = m.containsKey("srid") ? yaml.integer(m.get("srid"), "srid") : null;
        String format = m.containsKey("format") ? yaml.string(m.get("format"), "format") : "ewkb";
        if (format != null && !format.equals("ewkb") && !format.equals("wkt")) {
            yaml.problem(m.get("format"), "format must be ewkb or wkt, not '" + format + "'", null);
        }
        Integer dims = m.containsKey("dimensions") ? yaml.integer(m.get("dimensions"), "dimensions") : null;
        if (dims != null && dims != 2) {
            yaml.problem(m.get("dimensions"), "dimensions may only be 2 (drop Z and M)", "leave it out to keep Z/M");
        }
        String charset = m.containsKey("charset") ? yaml.string(m.get("charset"), "charset") : null;
        if (charset != null) {
            try {
                java.nio.charset.Charset.forName(charset);
            } catch (RuntimeException e) {
                yaml.problem(m.get("charset"), "unknown charset '" + charset + "'", null);
            }
        }
        String geometryColumn = m.containsKey("geometryColumn")
                ? yaml.string(m.get("geometryColumn"), "geometryColumn") : "wkt";
        String output = m.containsKey("output") ? yaml.string(m.get("output"), "output") : null;
        if (output != null) {
            ObjectKeys.whyBadFileName(output).ifPresent(why -> yaml.problem(m.get("output"), "convert output '"
                    + output + "' would be written outside the convert folder: " + why, "give a file name such as x.csv"));
        }
        return new ConvertSpec(promote, srid, "wkt".equals(format), dims == null ? 0 : dims, charset, geometryColumn,
                output);
    }

    private static Set<String> ordered(String... keys) {
        return new LinkedHashSet<>(List.of(keys));
    }
}
