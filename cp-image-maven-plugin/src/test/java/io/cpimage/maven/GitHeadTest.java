package io.cpimage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.CacheFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The revision read from git's files, against what the real {@code git} says, in the shapes a
 * project's checkout takes: a branch, a new commit, packed refs, a detached HEAD, a linked
 * worktree, a subdirectory; and the short form kept per commit, so that a build at the same commit
 * asks no git.
 */
class GitHeadTest {
  @TempDir Path temp;

  private static final Map<String, String> NO_GIT_VARIABLES = Map.of();

  private String git(Path directory, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t"));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), () -> command + ": " + output);
    return output.strip();
  }

  private Path repository() throws Exception {
    Path repository = Files.createDirectories(temp.resolve("repo"));
    git(repository, "init", "-q", "-b", "main");
    commit(repository, "one");
    return repository;
  }

  private void commit(Path repository, String text) throws Exception {
    Files.writeString(repository.resolve("file.txt"), text);
    git(repository, "add", "file.txt");
    git(repository, "commit", "-q", "-m", text);
  }

  private void assertReadsAsGit(Path directory) throws Exception {
    assertEquals(
        Optional.of(git(directory, "rev-parse", "HEAD")),
        GitHead.revisionOf(directory, NO_GIT_VARIABLES));
  }

  @Test
  void readsWhatGitSaysInEveryShapeOfCheckout() throws Exception {
    Path repository = repository();
    Path module = Files.createDirectories(repository.resolve("module/sub"));
    assertReadsAsGit(repository);
    assertReadsAsGit(module);

    String first = git(repository, "rev-parse", "HEAD");
    commit(repository, "two");
    assertReadsAsGit(module);
    assertNotEquals(Optional.of(first), GitHead.revisionOf(module, NO_GIT_VARIABLES));

    git(repository, "pack-refs", "--all");
    assertFalse(Files.exists(repository.resolve(".git/refs/heads/main")));
    assertReadsAsGit(module);

    git(repository, "checkout", "-q", "--detach", first);
    assertReadsAsGit(module);
    git(repository, "checkout", "-q", "main");

    Path worktree = temp.resolve("worktree");
    git(repository, "worktree", "add", "-q", "-b", "other", worktree.toString(), first);
    assertReadsAsGit(worktree);
    commit(worktree, "three");
    assertReadsAsGit(worktree);
    assertReadsAsGit(repository);
    assertNotEquals(
        GitHead.revisionOf(repository, NO_GIT_VARIABLES),
        GitHead.revisionOf(worktree, NO_GIT_VARIABLES));
  }

  @Test
  void leavesToGitWhatItDoesNotReadAndKnowsWhenThereIsNoRepository() throws Exception {
    Path repository = repository();
    // git's variables can point it anywhere: git answers.
    assertEquals(Optional.empty(), GitHead.revisionOf(repository, Map.of("GIT_DIR", "/elsewhere")));
    assertFalse(GitHead.outsideRepository(repository, Map.of("GIT_DIR", "/elsewhere")));
    // An unborn branch has no revision.
    Path empty = Files.createDirectories(temp.resolve("empty"));
    git(empty, "init", "-q");
    assertEquals(Optional.empty(), GitHead.revisionOf(empty, NO_GIT_VARIABLES));
    assertFalse(GitHead.outsideRepository(empty, NO_GIT_VARIABLES));
    assertFalse(GitHead.outsideRepository(repository, NO_GIT_VARIABLES));
    // The temporary directory is outside any repository when the system's is.
    Path outside = Files.createDirectories(temp.resolve("outside"));
    boolean gitFindsNone =
        new ProcessBuilder("git", "rev-parse", "--git-dir")
                .directory(outside.toFile())
                .redirectErrorStream(true)
                .start()
                .waitFor()
            != 0;
    assertEquals(gitFindsNone, GitHead.outsideRepository(outside, NO_GIT_VARIABLES));
  }

  @Test
  void keepsTheShortRevisionPerCommitAndAsksGitAfterANewOne() throws Exception {
    Path repository = repository();
    Path kept = temp.resolve("work/git-revision");
    ProjectLabels.Revision first = ProjectLabels.Revision.of(repository, kept);
    assertEquals(git(repository, "rev-parse", "HEAD"), first.full());
    assertEquals(git(repository, "rev-parse", "--short", "HEAD"), first.abbreviated());
    assertTrue(Files.isRegularFile(kept));

    // At the same commit the kept answer is used, not git's: changed here to tell them apart.
    CacheFiles.write(kept, (first.full() + "\nkept-short").getBytes(StandardCharsets.UTF_8));
    assertEquals(
        new ProjectLabels.Revision(first.full(), "kept-short"),
        ProjectLabels.Revision.of(repository, kept));

    commit(repository, "two");
    ProjectLabels.Revision second = ProjectLabels.Revision.of(repository, kept);
    assertEquals(git(repository, "rev-parse", "HEAD"), second.full());
    assertEquals(git(repository, "rev-parse", "--short", "HEAD"), second.abbreviated());

    Files.writeString(kept, "damaged");
    assertEquals(second, ProjectLabels.Revision.of(repository, kept));
  }

  @Test
  void outsideGitEveryRevisionIsUnknown() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    if (GitHead.outsideRepository(outside, System.getenv())) {
      assertEquals(
          new ProjectLabels.Revision("unknown", "unknown"),
          ProjectLabels.Revision.of(outside, temp.resolve("git-revision")));
      assertFalse(Files.exists(temp.resolve("git-revision")));
    }
  }
}
