package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.config.PublishSettings;
import dev.dataflow.config.Step;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.schema.LockAttempts;
import dev.dataflow.schema.ModelReplicator;
import dev.dataflow.schema.PublicationPlanReader;
import dev.dataflow.schema.PublicationPlan;
import dev.dataflow.schema.TableSwap;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pg:target:populate}: in one target transaction under an advisory lock, checks the model against the target
 * (drift, quality gates), then publishes it. By default it copies each model table into a shadow twin built like the
 * API table, makes the twin's keys and indexes, and swaps the twins in by renaming ({@link SwapPublisher}): API reads
 * wait only for the swap, not the copy. With {@code settings.publishMode: truncate} (or {@code swap-or-truncate}
 * when the tables cannot be swapped safely) it truncates the target tables and copies into them instead
 * ({@link TruncatePublisher}). Any failure rolls back everything, shadow tables included. This class holds the order
 * of the phases and the choice between the two; {@link ModelCopier} moves the rows.
 */
final class PopulateStep implements StepHandler {
    /** The advisory lock every populate of any data-flow run takes on the target. */
    static final String LOCK_KEY = TargetLocks.LOCK_KEY;
    private final DriftCheck driftCheck;

    /**
     * Compares the target's table definitions with those the model tables were built from, reading the target's
     * catalog only once {@code locked} says the populate holds its locks.
     */
    interface DriftCheck {
        void verify(Connection target, Connection flow, String schema, List<String> tables,
                    ModelReplicator.LockWait locked) throws SQLException;
    }

    PopulateStep(DriftCheck driftCheck) {
        this.driftCheck = driftCheck;
    }

    @Override
    public Set<Resource> uses(Step step) {
        return Set.of(Resource.FLOW, Resource.TARGET);
    }

    /** What the step found out before publishing, handed to the publisher. */
    record Ready(List<String> order, Map<String, String> copyColumns, PublicationPlan plan) {
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        List<String> tables = new ArrayList<>();
        ctx.domains().forEach(d -> tables.addAll(d.tables()));
        if (tables.isEmpty()) {
            return StepOutcome.of("no tables to publish");
        }
        String targetSchema = ctx.pipeline().target().schema();
        PublishSettings publish = ctx.pipeline().settings().publish();
        LockAttempts attempts = new LockAttempts(publish.lockTimeoutMs(), publish.lockRetries(), ctx.console()::line);
        PhaseTimer phases = new PhaseTimer(ctx);
        DriftWatch drift = DriftWatch.start(ctx, driftCheck, targetSchema, tables);
        Published done;
        try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
            dropRetired(ctx, target, attempts);
            flow.setAutoCommit(false);
            flow.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            flow.setReadOnly(true);
            target.setAutoCommit(false);
            phases.mark("connect");
            try {
                done = publish(ctx, flow, target, tables, attempts, drift, phases);
            } catch (Exception e) {
                rollbackQuietly(target);
                throw e;
            } finally {
                rollbackQuietly(flow);
            }
        } catch (Exception e) {
            // A failure found while the drift check ran is reported once it is done, never leaving it running.
            drift.abandon();
            throw e;
        }
        return done.outcome();
    }

    /** What a populate did, for its outcome. */
    private record Published(Map<String, Long> rows, List<Map<String, Object>> checks, boolean swapped) {
        StepOutcome outcome() {
            String checked = QualityGates.summary(checks);
            return StepOutcome.rows(rows, rows.size() + " tables published in one transaction"
                    + (swapped ? " (by swap)" : " (by truncate-and-copy)")
                    + (checked.isEmpty() ? "" : "; " + checked)).withDetails(Map.of("checks", checks));
        }
    }

    /**
     * In the open transactions: locks the tables, runs the checks, chooses how to publish, publishes and commits. The
     * caller rolls back on failure.
     */
    private static Published publish(StepContext ctx, Connection flow, Connection target, List<String> tables,
                                     LockAttempts attempts, DriftWatch drift, PhaseTimer phases) throws Exception {
        String targetSchema = ctx.pipeline().target().schema();
        PublishSettings publish = ctx.pipeline().settings().publish();
        BuiltModelCheck.require(ctx, flow);
        TargetLocks.advisory(ctx, target);
        boolean held = TargetLocks.share(target,
                tables.stream().map(t -> ModelCopier.qualified(targetSchema, t)).toList(), attempts);
        // The drift check runs beside the quality and catalog checks, and must end before the publish takes
        // exclusive locks, which would block its pg_get_indexdef.
        drift.locksHeld(held);
        Map<String, List<String>> targetColumns = ModelCopier.targetColumns(ctx, target, targetSchema, tables);
        if (!held) {
            throw DataflowException.stepFailed("cannot lock the published tables", null, null);
        }
        phases.mark("lock");
        List<Map<String, Object>> checks = QualityGates.run(ctx, flow, target);
        phases.mark("checks");
        PublicationPlan plan = PublicationPlanReader.read(target, targetSchema, tables);
        refuseOutsideReferences(tables, PublicationPlanReader.referencingWithRows(target, plan, attempts));
        boolean swapped = decide(ctx, publish, plan);
        Ready ready = new Ready(plan.order(), ModelCopier.copyColumns(ctx, flow, tables, targetColumns), plan);
        phases.mark("catalog checks");
        drift.verdict();
        phases.mark("drift check");
        Map<String, Long> rows = swapped ? SwapPublisher.publish(ctx, flow, target, ready, publish, attempts, phases)
                : TruncatePublisher.publish(ctx, flow, target, ready, attempts, phases);
        target.commit();
        phases.mark("commit");
        if (swapped) {
            target.setAutoCommit(true);
            dropRetired(ctx, target, attempts);
            phases.mark("drop replaced");
        }
        phases.report();
        return new Published(rows, checks, swapped);
    }

    /** Drops the tables earlier swaps replaced and did not keep; a lock in the way only delays it to the next run. */
    private static void dropRetired(StepContext ctx, Connection target, LockAttempts attempts) {
        String failed = TableSwap.dropRetired(target, attempts);
        if (failed != null) {
            ctx.console().line("  the tables a swap replaced could not be dropped yet, the next populate drops them: "
                    + failed);
        }
    }

    /** Tables outside the set that reference it and hold rows would be emptied, or left pointing at the old rows. */
    private static void refuseOutsideReferences(List<String> tables, List<String> outside) {
        if (!outside.isEmpty()) {
            throw DataflowException.stepFailed("refusing to publish: truncating " + String.join(", ", tables)
                    + " would also empty " + String.join(", ", outside) + " (they reference published tables through "
                    + "foreign keys and hold rows this run does not reload; a swap would leave them pointing at the "
                    + "old rows)",
                    "publish the domains owning " + String.join(", ", outside) + " too, or select a parent domain", null);
        }
    }

    /** True to swap; refuses, or falls back to truncate-and-copy, when the plan lists reasons not to. */
    private static boolean decide(StepContext ctx, PublishSettings publish, PublicationPlan plan) {
        if (publish.mode() == PublishSettings.Mode.TRUNCATE) {
            return false;
        }
        if (plan.refusals().isEmpty()) {
            return true;
        }
        List<String> reasons = plan.refusals().stream().map(PublicationPlan.Refusal::toString).toList();
        if (publish.mode() == PublishSettings.Mode.SWAP_OR_TRUNCATE) {
            ctx.console().line("  publishing by truncate-and-copy (API reads wait for it): the tables cannot be "
                    + "swapped safely: " + String.join("; ", reasons));
            return false;
        }
        throw DataflowException.stepFailed("refusing to publish by swap: " + String.join("; ", reasons),
                "settings.publishMode: swap-or-truncate publishes such tables by truncate-and-copy instead, "
                        + "with API reads waiting for the copy", null);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the connection is closed next; the server rolls back on its own
        }
    }
}
