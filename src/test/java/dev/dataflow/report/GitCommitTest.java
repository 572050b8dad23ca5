package dev.dataflow.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GitCommitTest {
    static final String A = "0123456789abcdef0123456789abcdef01234567";
    static final String B = "89abcdef0123456789abcdef0123456789abcdef";

    @Test
    void looseAndPackedRefsDetachedHeadsAndWorktrees(@TempDir Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        Path git = repo.resolve(".git");
        Files.createDirectories(git.resolve("refs/heads"));
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("refs/heads/main"), A + "\n");
        Files.createDirectories(repo.resolve("sub/folder"));
        assertEquals(Optional.of(A), GitCommit.of(repo.resolve("sub/folder")), "found from a folder inside the repository");

        Files.delete(git.resolve("refs/heads/main"));
        Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n" + B + " refs/heads/main\n");
        assertEquals(Optional.of(B), GitCommit.of(repo), "a packed ref");

        Files.writeString(git.resolve("HEAD"), A + "\n");
        assertEquals(Optional.of(A), GitCommit.of(repo), "a detached HEAD");

        // A worktree: .git is a file naming its folder under the main repository, which shares the refs.
        Path wt = dir.resolve("wt");
        Path wtGit = git.resolve("worktrees/wt");
        Files.createDirectories(wtGit);
        Files.createDirectories(wt);
        Files.writeString(wt.resolve(".git"), "gitdir: " + wtGit + "\n");
        Files.writeString(wtGit.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(wtGit.resolve("commondir"), "../..\n");
        assertEquals(Optional.of(B), GitCommit.of(wt), "a worktree's branch, from the shared packed refs");

        assertEquals(Optional.empty(), GitCommit.of(Path.of("/")), "no repository");
    }
}
