package dev.dataflow.handlers;

import dev.dataflow.config.Settings;

/**
 * How {@code pg:source:load} cuts its work: the file size from which a load into an empty table is split across
 * several COPYs ({@link Long#MAX_VALUE}: never), the COPYs per split file, and the size of the blocks a split file is
 * cut into. Passed to the handler, so a test can split small files without touching the pipeline's settings.
 */
record LoadTuning(long splitBytes, int streams, int blockBytes) {
    /** 1 MiB: big enough that a COPY's per-write overhead does not show, small enough that 3 per COPY cost little. */
    static final int BLOCK_BYTES = 1 << 20;

    /** From settings.splitLoadMiB, one COPY per processor (at least 2), within settings.loadParallelism. */
    static LoadTuning of(Settings settings) {
        int splitMiB = settings.splitLoadMiB();
        // At least two even on one processor: splitting was asked for, and most of a COPY's work is the server's.
        return of(settings, splitMiB == 0 ? Long.MAX_VALUE : (long) splitMiB << 20,
                Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The given split size and COPYs per split file, the latter within settings.loadParallelism. */
    static LoadTuning of(Settings settings, long splitBytes, int streams) {
        return new LoadTuning(splitBytes, Math.min(settings.loadParallelism(), streams), BLOCK_BYTES);
    }
}
