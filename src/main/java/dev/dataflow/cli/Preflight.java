package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.ConfigException;
import dev.dataflow.config.Database;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Problem;
import dev.dataflow.config.StepKind;
import dev.dataflow.config.Storage;
import dev.dataflow.config.SourceLocation;
import dev.dataflow.db.Databases;
import dev.dataflow.exec.Console;
import dev.dataflow.plan.Plan;
import dev.dataflow.plan.StepTraits;
import dev.dataflow.plan.StepTraits.Resource;
import dev.dataflow.storage.S3Endpoint;
import dev.dataflow.storage.StorageProbe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Resolves and then opens every connection a plan will use before step 1, so a missing {@code ${VAR}} or a malformed endpoint is a
 * configuration error (exit 2) found before anything runs, not a step failure half-way through the run.
 */
final class Preflight {
    private Preflight() {
    }

    /** What the plan's steps open, as their kinds say, in the order the steps first open them. */
    static Set<Resource> uses(Plan plan, Map<StepKind, ? extends StepTraits> kinds) {
        Set<Resource> used = new LinkedHashSet<>();
        for (Plan.PlannedStep ps : plan.steps()) {
            Set<Resource> opened = EnumSet.noneOf(Resource.class);
            opened.addAll(StepTraits.of(kinds, ps.step().kind()).uses(ps.step()));
            used.addAll(opened);
        }
        return used;
    }

    /** Unset variables of the used connections, each with the connection's position in pipeline.yaml. */
    static void checkVariables(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds) {
        List<Problem> problems = new ArrayList<>();
        for (Resource c : uses(plan, kinds)) {
            switch (c) {
                case FLOW -> unset(pipeline.flow(), problems);
                case TARGET -> unset(pipeline.target(), problems);
                case STORAGE -> {
                    Storage s = pipeline.storage();
                    for (String v : s.unsetVariables()) {
                        problems.add(new Problem(s.pos(), "connections.storage uses ${" + v
                                + "}, which is not set and has no default", "set it in the environment or in .env"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Everything {@link #checkVariables} checks, and that the storage endpoint is usable, before a run starts. */
    static void check(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds) {
        checkVariables(pipeline, plan, kinds);
        if (uses(plan, kinds).contains(Resource.STORAGE)) {
            Storage s = pipeline.storage();
            try {
                new S3Endpoint(s.endpoint(), s.accessKey(), s.secretKey(), s.region(), s.pathStyle());
            } catch (DataflowException e) {
                throw DataflowException.badConfig(s.pos() + ": connections.storage: " + e.getMessage(), e.hint());
            }
        }
    }

    /**
     * Connects to every database and to the storage the plan uses and prints one line for each (server and PostGIS
     * versions, host, database, user; never a password). Every connection is tried; if any fails, the run stops
     * before step 1 with exit 1 naming each failure.
     */
    static void connect(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds, Databases dbs,
                        Console console) {
        List<String> failures = new ArrayList<>();
        for (Resource c : uses(plan, kinds)) {
            String label = String.format(Locale.ROOT, "preflight: %-16s", c == Resource.STORAGE ? "storage"
                    : c.name().toLowerCase(Locale.ROOT) + " database");
            try {
                String line = switch (c) {
                    case FLOW -> database(dbs::flow);
                    case TARGET -> database(dbs::target);
                    case STORAGE -> storage(pipeline, plan, kinds);
                };
                console.line(label + " " + line);
            } catch (DataflowException e) {
                console.error(label + " FAILED: " + e.userMessage());
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw DataflowException.stepFailed("preflight failed, nothing ran: " + String.join("; ", failures),
                    "`runner.jar check` tries every connection on its own", null);
        }
    }

    private static String database(Supplier<java.sql.Connection> open) {
        try (java.sql.Connection c = open.get(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'postgis'), "
                        + "coalesce(host(inet_server_addr()), 'local socket'), current_setting('port'), current_database(), "
                        + "current_user")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).replaceFirst(" .*", "") + ", "
                    + (rs.getString(2) == null ? "PostGIS not installed" : "PostGIS " + rs.getString(2))
                    + " on " + rs.getString(3) + ":" + rs.getString(4) + ", database " + rs.getString(5)
                    + ", user " + rs.getString(6);
        } catch (SQLException e) {
            throw DataflowException.stepFailed(e.getMessage(), null, e);
        }
    }

    private static String storage(Pipeline pipeline, Plan plan, Map<StepKind, ? extends StepTraits> kinds) {
        Storage s = pipeline.storage();
        S3Endpoint endpoint;
        try {
            endpoint = new S3Endpoint(s.endpoint(), s.accessKey(), s.secretKey(), s.region(), s.pathStyle());
        } catch (DataflowException e) {
            throw DataflowException.badConfig(s.pos() + ": connections.storage: " + e.getMessage(), e.hint());
        }
        Set<String> buckets = new TreeSet<>();
        for (Plan.PlannedStep ps : plan.steps()) {
            if (StepTraits.of(kinds, ps.step().kind()).uses(ps.step()).contains(Resource.STORAGE)) {
                for (String d : ps.domains()) {
                    pipeline.domain(d).ifPresent(dom -> dom.sources().forEach(src -> {
                        if (src.location() instanceof SourceLocation.InBucket object) {
                            buckets.add(object.bucket());
                        }
                    }));
                }
            }
        }
        return StorageProbe.probe(endpoint, buckets);
    }

    private static void unset(Database db, List<Problem> problems) {
        for (String v : db.unsetVariables()) {
            problems.add(new Problem(db.pos(), "connections." + db.role() + " uses ${" + v
                    + "}, which is not set and has no default", "set it in the environment or in .env"));
        }
    }
}
