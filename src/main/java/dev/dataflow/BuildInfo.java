package dev.dataflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build this is: the pom's version and the git commit it was built from, as the build wrote them into
 * {@code dev/dataflow/build-info.properties} (the jar's manifest carries the same as Implementation-Version and
 * Git-Commit). For {@code --version} and the run report.
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    private static final BuildInfo CURRENT = read();

    public static BuildInfo current() {
        return CURRENT;
    }

    /** "data-flow 0.1.0-SNAPSHOT (commit 3bbd45e1a2b4)", with "+ local changes" for a build from a dirty tree. */
    public String describe() {
        return "data-flow " + version + " (commit " + commit + (dirty ? ", with local changes" : "") + ")";
    }

    static BuildInfo read() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the same as a missing file: an unknown build
        }
        return new BuildInfo(known(p.getProperty("version")), known(p.getProperty("commit")),
                "true".equals(p.getProperty("dirty")));
    }

    /** An unfilled placeholder (a build without git, or the class run outside Maven) reads as "unknown". */
    private static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? "unknown" : value.strip();
    }
}
