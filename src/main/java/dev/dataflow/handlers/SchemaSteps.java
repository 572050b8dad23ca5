package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.Domain;
import dev.dataflow.config.Pipeline;
import dev.dataflow.config.Source;
import dev.dataflow.config.Step;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.plan.FingerprintInput;
import dev.dataflow.schema.DrizzleEnums;
import dev.dataflow.schema.EnumPusher;
import dev.dataflow.schema.EnumType;
import dev.dataflow.schema.ModelReplicator;
import dev.dataflow.schema.PushResult;
import dev.dataflow.schema.ReplicationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The schema steps: {@code drizzle:api:pull}, {@code pg:flow:push} and {@code pg:model:create}. */
final class SchemaSteps {
    private SchemaSteps() {
    }

    /** Step 0: writes the target's enums to drizzle/migrations/schema.ts, atomically. */
    static final class Pull implements StepHandler {
        @Override
        public Set<Resource> uses(Step step) {
            return Set.of(Resource.TARGET);
        }

        @Override
        public boolean needsRunState() {
            return false;
        }

        @Override
        public List<Path> writes(Pipeline pipeline, List<Domain> domains) {
            return List.of(pipeline.resolve(pipeline.settings().drizzleSchema()));
        }

        @Override
        public StepOutcome run(StepContext ctx) throws Exception {
            List<EnumType> enums;
            try (Connection target = ctx.databases().target()) {
                enums = DrizzleEnums.readFromCatalog(target, ctx.pipeline().target().schema());
            }
            Path file = ctx.path(ctx.pipeline().settings().drizzleSchema());
            String text = DrizzleEnums.render(enums);
            boolean changed = !Files.exists(file) || !Files.readString(file).equals(text);
            if (changed) {
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), ".schema", ".tmp");
                try {
                    Files.writeString(tmp, text);
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            String rel = ctx.pipeline().baseDir().relativize(file).toString();
            String count = enums.isEmpty() ? "no enum types," : enums.size() + " enums";
            return StepOutcome.of(count + " " + (changed ? "written to " : "unchanged in ") + rel
                    + (changed ? " (commit it)" : ""));
        }
    }

    /** Step 4: makes the flow database's enums match schema.ts. */
    static final class Push implements StepHandler {
        @Override
        public List<FingerprintInput> fingerprint(Pipeline pipeline) {
            return List.of(new FingerprintInput.FileRead("schema", pipeline.resolve(pipeline.settings().drizzleSchema())));
        }

        @Override
        public StepOutcome run(StepContext ctx) throws Exception {
            Path file = ctx.path(ctx.pipeline().settings().drizzleSchema());
            String rel = ctx.pipeline().baseDir().relativize(file).toString();
            if (!Files.isRegularFile(file)) {
                throw DataflowException.stepFailed(rel + " does not exist", "run --step drizzle:api:pull against the API "
                        + "database and commit the file", null);
            }
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw DataflowException.stepFailed("cannot read " + rel + ": " + e.getMessage(), null, e);
            }
            List<EnumType> enums = DrizzleEnums.parse(rel, text, ctx.pipeline().flow().schema());
            if (enums.isEmpty()) {
                // No connection is opened: there is nothing to create or compare.
                return StepOutcome.of("nothing to push: " + rel + " declares no enum types");
            }
            PushResult r;
            try (Connection flow = ctx.databases().flow()) {
                flow.setAutoCommit(true);
                r = EnumPusher.push(flow, enums);
            }
            return StepOutcome.of(enums.size() + " enums: " + r.typesCreated() + " created, " + r.valuesAdded()
                    + " values added" + (r.typesRecreated() > 0 ? ", " + r.typesRecreated() + " recreated" : ""));
        }
    }

    /** Step 7: replicates the built domains' target tables into the flow database and records their fingerprints. */
    static final class ModelCreate implements StepHandler {
        @Override
        public Set<Resource> uses(Step step) {
            return Set.of(Resource.FLOW, Resource.TARGET);
        }

        @Override
        public StepOutcome run(StepContext ctx) throws Exception {
            List<String> tables = new ArrayList<>();
            ctx.domains().forEach(d -> tables.addAll(d.tables()));
            if (tables.isEmpty()) {
                return StepOutcome.of("no tables");
            }
            Set<String> sourceTables = new LinkedHashSet<>();
            ctx.pipeline().domains().forEach(d -> d.sources().stream().map(Source::table).forEach(sourceTables::add));
            ReplicationResult r;
            try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
                flow.setAutoCommit(true);
                r = ModelReplicator.replicate(target, flow, ctx.pipeline().target().schema(), tables, sourceTables);
            }
            if (!r.staleDropped().isEmpty()) {
                ctx.console().line("  also dropped earlier model tables that referenced these: "
                        + String.join(", ", r.staleDropped()));
            }
            return StepOutcome.of(r.tables().size() + " model tables: " + String.join(", ", r.tables()));
        }
    }
}
