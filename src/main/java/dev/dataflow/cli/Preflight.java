package dev.dataflow.cli;

import dev.dataflow.DataflowException;
import dev.dataflow.config.ConfigException;
import dev.dataflow.config.Database;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Problem;
import dev.dataflow.config.StepKind;
import dev.dataflow.config.Storage;
import dev.dataflow.plan.Plan;
import dev.dataflow.storage.S3Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves every connection a plan will use before step 1, so a missing {@code ${VAR}} or a malformed endpoint is a
 * configuration error (exit 2) found before anything runs, not a step failure half-way through the run.
 */
final class Preflight {
    enum Connection { FLOW, TARGET, STORAGE }

    private Preflight() {
    }

    /** The connections the plan's steps open. */
    static Set<Connection> uses(Plan plan) {
        Set<Connection> used = new LinkedHashSet<>();
        for (Plan.PlannedStep ps : plan.steps()) {
            StepKind kind = ps.step().kind();
            if (kind == null) {
                continue;
            }
            switch (kind) {
                case DOWNLOAD -> used.add(Connection.STORAGE);
                case CONVERT -> { }
                case DRIZZLE_PULL -> used.add(Connection.TARGET);
                case POPULATE, MODEL_CREATE -> {
                    used.add(Connection.FLOW);
                    used.add(Connection.TARGET);
                }
                case SQL -> used.add("target".equals(ps.step().database()) ? Connection.TARGET : Connection.FLOW);
                default -> used.add(Connection.FLOW);
            }
        }
        return used;
    }

    /** Unset variables of the used connections, each with the connection's position in pipeline.yaml. */
    static void checkVariables(Pipeline pipeline, Plan plan) {
        List<Problem> problems = new ArrayList<>();
        for (Connection c : uses(plan)) {
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
    static void check(Pipeline pipeline, Plan plan) {
        checkVariables(pipeline, plan);
        if (uses(plan).contains(Connection.STORAGE)) {
            Storage s = pipeline.storage();
            try {
                new S3Endpoint(s.endpoint(), s.accessKey(), s.secretKey(), s.region(), s.pathStyle());
            } catch (DataflowException e) {
                throw DataflowException.badConfig(s.pos() + ": connections.storage: " + e.getMessage(), e.hint());
            }
        }
    }

    private static void unset(Database db, List<Problem> problems) {
        for (String v : db.unsetVariables()) {
            problems.add(new Problem(db.pos(), "connections." + db.role() + " uses ${" + v
                    + "}, which is not set and has no default", "set it in the environment or in .env"));
        }
    }
}
