package dev.dataflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The commit a pipeline folder is checked out at, read from {@code .git} without running git: {@code HEAD}, the ref
 * it names (loose or packed), and worktrees' {@code gitdir:} files. Empty when the folder is not in a repository.
 */
public final class GitCommit {
    private GitCommit() {
    }

    public static Optional<String> of(Path folder) {
        try {
            for (Path dir = folder.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                Path dotGit = dir.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return resolve(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                    if (!line.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = dir.resolve(line.substring("gitdir:".length()).strip()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
                    }
                    return resolve(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> resolve(Path gitDir, Path common) throws IOException {
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref:")) {
            return hash(head);
        }
        String ref = head.substring(4).strip();
        for (Path base : new Path[]{gitDir, common}) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return hash(Files.readString(loose, StandardCharsets.UTF_8).strip());
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref)) {
                    return hash(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> hash(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? Optional.of(s) : Optional.empty();
    }
}
