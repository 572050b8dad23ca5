package dev.dataflow;

/** The tool's version, as {@code --version} and the run report show it. */
public final class Version {
    /** Kept equal to the pom's version (without -SNAPSHOT). */
    public static final String NUMBER = "0.1.0";

    private Version() {
    }
}
