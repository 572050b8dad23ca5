package dev.dataflow;

/** The tool's version, as {@code --version} and the run report show it. */
public final class Version {
    /** The pom's version, as the build recorded it (see {@link BuildInfo}). */
    public static final String NUMBER = BuildInfo.current().version();

    private Version() {
    }
}
