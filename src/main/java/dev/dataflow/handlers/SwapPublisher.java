package dev.dataflow.handlers;

import dev.dataflow.config.PublishSettings;
import dev.dataflow.exec.Console;
import dev.dataflow.exec.StepContext;
import dev.dataflow.schema.LockAttempts;
import dev.dataflow.schema.PublicationPlan;
import dev.dataflow.schema.ShadowBuild;
import dev.dataflow.schema.TableSwap;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Publishes by swap: copies each model table into a shadow twin built like the target table, makes the twin's keys and
 * indexes, and swaps the twins in by renaming ({@link TableSwap}), so API reads wait only for the swap, not the copy.
 */
final class SwapPublisher {
    private SwapPublisher() {
    }

    /** Publishes the tables of {@code ready}; returns the rows copied into each. The caller commits. */
    static Map<String, Long> publish(StepContext ctx, Connection flow, Connection target, PopulateStep.Ready ready,
                                     PublishSettings publish, LockAttempts attempts, PhaseTimer phases)
            throws SQLException {
        ShadowBuild.create(target, ready.plan());
        phases.mark("shadow tables");
        Map<String, Long> rows = ModelCopier.copyAll(ctx, flow, target, ready, PublicationPlan.SHADOW_SCHEMA, true);
        phases.mark("copy");
        ShadowBuild.complete(target, ready.plan(), ctx.console()::progress).forEach((t, nanos) ->
                ctx.console().line("  " + t + " indexes and keys built " + Console.seconds(nanos)));
        phases.mark("indexes and keys");
        TableSwap.publish(target, ready.plan(), publish.keepPrevious(), attempts);
        phases.mark("swap");
        return rows;
    }
}
