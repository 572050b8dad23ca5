package dev.dataflow.handlers;

import dev.dataflow.config.PublishSettings;
import dev.dataflow.config.Step;
import dev.dataflow.exec.StepContext;
import dev.dataflow.exec.StepHandler;
import dev.dataflow.exec.StepOutcome;
import dev.dataflow.schema.LockAttempts;
import dev.dataflow.schema.SwapRecord;
import dev.dataflow.schema.TableSwap;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * {@code rollback}: swaps the tables the last swap publish replaced back in, in one short transaction under the
 * populate's advisory lock and the settings' lock timeout and retries; {@link TableSwap#rollback} refuses, with the
 * reason, when the tables or their definitions changed since. A second rollback undoes the first.
 */
final class RollbackStep implements StepHandler {
    /** The id the rollback is recorded under in run state and the report. */
    static final String STEP_ID = "pg:target:rollback";

    /** The target, and the flow database, where the rollback is recorded as a run. */
    @Override
    public Set<Resource> uses(Step step) {
        return Set.of(Resource.FLOW, Resource.TARGET);
    }

    @Override
    public StepOutcome run(StepContext ctx) throws Exception {
        String schema = ctx.pipeline().target().schema();
        PublishSettings publish = ctx.pipeline().settings().publish();
        LockAttempts attempts = new LockAttempts(publish.lockTimeoutMs(), publish.lockRetries(), ctx.console()::line);
        SwapRecord undone;
        try (Connection target = ctx.databases().target()) {
            target.setAutoCommit(false);
            try {
                TargetLocks.advisory(ctx, target);
                undone = TableSwap.rollback(target, schema, attempts);
                target.commit();
            } catch (Exception e) {
                rollbackQuietly(target);
                throw e;
            }
        }
        return StepOutcome.of("swapped back " + String.join(", ", undone.tables()) + ": the tables the " + undone.action()
                + " of " + undone.at() + " replaced are live again; the ones it put in are kept as the previous copy");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next; the server rolls back on its own
        }
    }
}
