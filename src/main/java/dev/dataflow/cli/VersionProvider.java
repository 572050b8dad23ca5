package dev.dataflow.cli;

import dev.dataflow.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version and commit the build recorded, not a number typed into the code. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{BuildInfo.current().describe()};
    }
}
