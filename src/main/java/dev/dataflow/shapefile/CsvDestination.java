package dev.dataflow.shapefile;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a converted layer's CSV goes: a {@link #file} that appears under its name only when complete, or a
 * {@link #stream} the caller owns. A failure to write there is a {@link WriteFailed}, told apart from a failure to
 * read the layer.
 */
interface CsvDestination {
    /** Writes the CSV and says where it went (null for a stream). */
    Path write(Body csv) throws IOException;

    /** The CSV, written when the destination is ready for it. */
    interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    /** A file, written to a temporary file beside it and renamed at the end, so a reader never sees half a CSV. */
    static CsvDestination file(Path outputCsv) {
        Path output = outputCsv.toAbsolutePath();
        return csv -> {
            Path dir = output.getParent();
            // Same folder as the output, so the final rename stays on one file system and can be atomic.
            Path temp = dir.resolve("." + output.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
            OutputStream os;
            try {
                Files.createDirectories(dir);
                os = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
            boolean done = false;
            try {
                try (os) {
                    csv.writeTo(os);
                }
                try {
                    move(temp, output);
                } catch (IOException e) {
                    throw new WriteFailed(e);
                }
                done = true;
            } finally {
                if (!done) {
                    Files.deleteIfExists(temp);
                }
            }
            return output;
        };
    }

    /**
     * A stream (standard output, for {@code convert -o -}), flushed but not closed. A failure part-way leaves the rows
     * written so far in the stream, as with any pipe.
     */
    static CsvDestination stream(OutputStream out) {
        return csv -> {
            csv.writeTo(out);
            out.flush();
            return null;
        };
    }

    private static void move(Path temp, Path output) throws IOException {
        try {
            Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A write to the CSV's destination failed; the cause says why. */
    final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause);
        }
    }

    /**
     * What the CSV writer writes to: its close flushes without closing a stream the caller owns, and a failure to
     * write (a full disk, a closed pipe after {@code convert -o - | head}) is told apart from a failure to read.
     */
    final class Sink extends FilterOutputStream {
        Sink(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
    }
}
