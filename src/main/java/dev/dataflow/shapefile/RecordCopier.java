package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies a layer's records in order to its CSV. A reader thread inflates and parses the .shp and .dbf into small
 * batches that the calling thread encodes and writes, so the two halves of the work run on two processors; the queue
 * between them holds a few batches, so memory still does not grow with the file.
 */
final class RecordCopier {
    private static final int BATCH_RECORDS = 256;
    private static final int QUEUED_BATCHES = 4;

    private RecordCopier() {
    }

    /** Copies every record not deleted in the .dbf; returns how many. */
    static long copy(ShpReader shp, DbfReader dbf, AttributeWriter attributes, GeometryEncoder geometries,
                     CsvWriter csv, LayerFiles files) throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> read(shp, dbf, files, queue, stop), "shapefile-reader");
        reader.setDaemon(true);
        reader.start();
        long features = 0;
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch.failure instanceof IOException io) {
                    throw io;
                } else if (batch.failure instanceof RuntimeException re) {
                    throw re;
                } else if (batch.failure instanceof Error e) {
                    throw e;
                } else if (batch.failure != null) {
                    throw new IOException(batch.failure);
                }
                for (int i = 0; i < batch.size; i++) {
                    attributes.write(batch.records[i], batch.attributes, i * batch.recordLength, csv);
                    geometries.write(batch.geometries[i], batch.hasZ[i], batch.hasM[i], csv);
                    csv.endRow();
                }
                features += batch.size;
                if (batch.last) {
                    return features;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("conversion interrupted");
        } finally {
            stop.set(true);
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records read ahead: DBF bytes copied out of the reader's buffer, geometries as parsed; or the reader's failure. */
    private static final class Batch {
        final long[] records = new long[BATCH_RECORDS];
        final Geometry[] geometries = new Geometry[BATCH_RECORDS];
        final boolean[] hasZ = new boolean[BATCH_RECORDS];
        final boolean[] hasM = new boolean[BATCH_RECORDS];
        final int recordLength;
        final byte[] attributes;
        int size;
        boolean last;
        Throwable failure;

        Batch(int recordLength) {
            this.recordLength = recordLength;
            this.attributes = new byte[BATCH_RECORDS * recordLength];
        }
    }

    private static void read(ShpReader shp, DbfReader dbf, LayerFiles files, BlockingQueue<Batch> queue,
                             AtomicBoolean stop) {
        Batch batch = new Batch(dbf.recordLength());
        try {
            while (shp.next()) {
                if (!dbf.next()) {
                    throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                            + files.name("shp") + " has more", "the two files do not belong together or one is damaged", null);
                }
                // A deleted DBF row deletes its feature; GDAL skips these too.
                if (dbf.deleted()) {
                    continue;
                }
                int i = batch.size++;
                batch.records[i] = dbf.recordNumber();
                batch.geometries[i] = shp.geometry();
                batch.hasZ[i] = shp.hasZ();
                batch.hasM[i] = shp.hasM();
                System.arraycopy(dbf.array(), dbf.recordOffset(), batch.attributes, i * batch.recordLength,
                        batch.recordLength);
                if (batch.size == BATCH_RECORDS) {
                    if (!put(queue, batch, stop)) {
                        return;
                    }
                    batch = new Batch(batch.recordLength);
                }
            }
            if (dbf.next()) {
                throw DataflowException.stepFailed(files.name("dbf") + " has " + dbf.recordCount() + " records but "
                        + files.name("shp") + " has only " + shp.recordNumber(),
                        "the two files do not belong together or one is damaged", null);
            }
            batch.last = true;
            put(queue, batch, stop);
        } catch (Throwable t) {
            Batch failed = new Batch(0);
            failed.failure = t;
            put(queue, failed, stop);
        }
    }

    /** Hands a batch over unless the writing side has stopped; false when it has. */
    private static boolean put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
