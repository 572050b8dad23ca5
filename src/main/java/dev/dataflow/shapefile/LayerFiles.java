package dev.dataflow.shapefile;

import dev.dataflow.DataflowException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The component files of one shapefile layer (.shp, .shx, .dbf, .prj, .cpg), either loose in a folder or entries of
 * a zip. Zip entries are streamed straight from the archive, never unpacked to disk. Extensions match in any case,
 * because archives from Windows tools often mix .SHP with .dbf.
 */
abstract sealed class LayerFiles implements AutoCloseable permits LayerFiles.Loose, LayerFiles.Zipped {
    private static final String BAD_INPUT_HINT = "give a .shp file or a .zip that contains one";

    /** Opens the layer in {@code input} (a .shp or .zip); {@code layer} picks one layer of a zip that holds several. */
    static LayerFiles open(Path input, String layer) {
        String file = input.getFileName().toString();
        String lower = file.toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(input)) {
            throw DataflowException.stepFailed(input + ": no such file", BAD_INPUT_HINT, null);
        }
        try {
            if (lower.endsWith(".shp")) {
                return new Loose(input);
            }
            if (lower.endsWith(".zip")) {
                return Zipped.openArchive(input, layer);
            }
        } catch (IOException e) {
            throw DataflowException.stepFailed(file + ": cannot read: " + e.getMessage(), null, e);
        }
        throw DataflowException.stepFailed(file + ": not a .shp or .zip file", BAD_INPUT_HINT, null);
    }

    /** How messages name the component with this extension, e.g. {@code parcels.dbf} or {@code a.zip:dir/parcels.dbf}. */
    abstract String name(String extension);

    /** The component's bytes, or null when it does not exist. */
    abstract InputStream open(String extension) throws IOException;

    /** The component's size in bytes, or -1 when it does not exist. */
    abstract long size(String extension) throws IOException;

    /** A small text component (.prj, .cpg) with a UTF-8 BOM removed, or null when it does not exist. */
    String text(String extension) throws IOException {
        try (InputStream in = open(extension)) {
            if (in == null) {
                return null;
            }
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        }
    }

    @Override
    public abstract void close() throws IOException;

    static final class Loose extends LayerFiles {
        private final Path dir;
        private final String base;
        private final List<Path> siblings;

        Loose(Path shp) throws IOException {
            Path parent = shp.toAbsolutePath().getParent();
            this.dir = parent;
            String file = shp.getFileName().toString();
            this.base = file.substring(0, file.length() - 4);
            try (Stream<Path> list = Files.list(parent)) {
                siblings = list.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.length() == base.length() + 4 && n.regionMatches(0, base, 0, base.length())
                            && n.charAt(base.length()) == '.';
                }).toList();
            }
        }

        private Path find(String extension) {
            Path exact = dir.resolve(base + "." + extension);
            if (Files.isRegularFile(exact)) {
                return exact;
            }
            for (Path p : siblings) {
                if (p.getFileName().toString().substring(base.length() + 1).equalsIgnoreCase(extension)
                        && Files.isRegularFile(p)) {
                    return p;
                }
            }
            return null;
        }

        @Override
        String name(String extension) {
            Path p = find(extension);
            return p != null ? p.getFileName().toString() : base + "." + extension;
        }

        @Override
        InputStream open(String extension) throws IOException {
            Path p = find(extension);
            return p == null ? null : Files.newInputStream(p);
        }

        @Override
        long size(String extension) throws IOException {
            Path p = find(extension);
            return p == null ? -1 : Files.size(p);
        }

        @Override
        public void close() {
        }
    }

    static final class Zipped extends LayerFiles {
        private final String archive;
        private final ZipFile zip;
        private final String base;

        private Zipped(String archive, ZipFile zip, String base) {
            this.archive = archive;
            this.zip = zip;
            this.base = base;
        }

        static Zipped openArchive(Path input, String layer) throws IOException {
            String archive = input.getFileName().toString();
            ZipFile zip = new ZipFile(input.toFile());
            try {
                List<String> layers = new ArrayList<>();
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    String n = entry.getName();
                    if (!entry.isDirectory() && n.toLowerCase(Locale.ROOT).endsWith(".shp") && !isMacMetadata(n)) {
                        layers.add(n.substring(0, n.length() - 4));
                    }
                }
                String chosen = choose(archive, layers, layer);
                return new Zipped(archive, zip, chosen);
            } catch (RuntimeException e) {
                zip.close();
                throw e;
            }
        }

        /** macOS archives carry "__MACOSX/" folders and "._name" resource forks next to the real files. */
        private static boolean isMacMetadata(String name) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            return name.startsWith("__MACOSX/") || name.contains("/__MACOSX/") || file.startsWith("._");
        }

        private static String choose(String archive, List<String> layers, String layer) {
            if (layers.isEmpty()) {
                throw DataflowException.stepFailed(archive + ": the zip holds no .shp file", BAD_INPUT_HINT, null);
            }
            if (layer == null) {
                if (layers.size() > 1) {
                    throw DataflowException.stepFailed(archive + ": the zip holds " + layers.size() + " layers: "
                            + String.join(", ", layers), "set layer to one of them", null);
                }
                return layers.get(0);
            }
            List<String> matches = new ArrayList<>();
            for (String l : layers) {
                String file = l.substring(l.lastIndexOf('/') + 1);
                if (l.equalsIgnoreCase(layer) || file.equalsIgnoreCase(layer)) {
                    matches.add(l);
                }
            }
            if (matches.size() != 1) {
                throw DataflowException.stepFailed(archive + ": " + (matches.isEmpty() ? "no" : "more than one")
                        + " layer named " + layer + "; the zip holds: " + String.join(", ", layers),
                        "set layer to one of them (with its folder when names repeat)", null);
            }
            return matches.get(0);
        }

        private ZipEntry find(String extension) {
            ZipEntry exact = zip.getEntry(base + "." + extension);
            if (exact != null) {
                return exact;
            }
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String n = entry.getName();
                if (!entry.isDirectory() && n.length() == base.length() + 1 + extension.length()
                        && n.startsWith(base + ".") && n.substring(base.length() + 1).equalsIgnoreCase(extension)) {
                    return entry;
                }
            }
            return null;
        }

        @Override
        String name(String extension) {
            ZipEntry entry = find(extension);
            return archive + ":" + (entry != null ? entry.getName() : base + "." + extension);
        }

        @Override
        InputStream open(String extension) throws IOException {
            ZipEntry entry = find(extension);
            return entry == null ? null : zip.getInputStream(entry);
        }

        @Override
        long size(String extension) {
            ZipEntry entry = find(extension);
            return entry == null ? -1 : entry.getSize();
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }
}
