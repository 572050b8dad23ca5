package dev.dataflow.handlers;

import dev.dataflow.DataflowException;
import dev.dataflow.exec.StepContext;
import dev.dataflow.schema.ModelReplicator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The drift check of a populate, on a thread and connections of its own: it starts with the step, reads the recorded
 * fingerprints and readies its connections while the populate takes its locks, and reads the target catalog only once
 * {@link #locksHeld} says the share locks keep it from changing. It is the long pole before the copy.
 */
final class DriftWatch implements ModelReplicator.LockWait {
    private final CountDownLatch opened = new CountDownLatch(1);
    private volatile boolean held;
    private final FutureTask<Void> task;

    private DriftWatch(FutureTask<Void> task) {
        this.task = task;
    }

    /** Starts the check (a plain thread: the common fork-join pool costs ~5 ms to start); null check: none. */
    static DriftWatch start(StepContext ctx, PopulateStep.DriftCheck check, String schema, List<String> tables) {
        DriftWatch[] self = new DriftWatch[1];
        FutureTask<Void> task = new FutureTask<>(() -> {
            if (check != null) {
                try (Connection target = ctx.databases().target(); Connection flow = ctx.databases().flow()) {
                    check.verify(target, flow, schema, tables, self[0]);
                } catch (SQLException e) {
                    throw DataflowException.stepFailed("cannot check the API schema for changes: " + e.getMessage(),
                            null, e);
                }
            }
            return null;
        });
        self[0] = new DriftWatch(task);
        Thread thread = new Thread(task, "drift-check");
        thread.setDaemon(true);
        thread.start();
        return self[0];
    }

    /** Tells the check, once, whether the locks are held or the populate gave up before holding them. */
    void locksHeld(boolean locksHeld) {
        if (opened.getCount() > 0) {
            held = locksHeld;
            opened.countDown();
        }
    }

    @Override
    public boolean await() throws InterruptedException {
        opened.await();
        return held;
    }

    /** Waits for the verdict; a drift fails the step here. */
    void verdict() throws InterruptedException {
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** After a failure elsewhere: ends the check without a verdict, never leaving it running. */
    void abandon() {
        locksHeld(false);
        try {
            task.get();
        } catch (ExecutionException | RuntimeException ignored) {
            // the first failure is the one reported
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
