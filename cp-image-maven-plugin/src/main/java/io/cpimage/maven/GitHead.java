package io.cpimage.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The commit a directory's git checkout is at, read from git's own files (HEAD, the loose ref it
 * names, packed-refs) without starting a {@code git} process: a build with nothing changed then
 * starts none. Handles a checkout's {@code .git} directory and a linked worktree's {@code .git}
 * file. Anything it does not read the way git would (git's environment variables, the reftable
 * format, a malformed file) reads as absent, and the caller asks git itself.
 */
final class GitHead {
  private static final Pattern OBJECT_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final String SYMBOLIC = "ref: ";
  // A symbolic ref that points to itself, or a longer chain, is git's error, not ours to follow.
  private static final int MAX_SYMBOLIC_DEPTH = 5;

  private GitHead() {}

  /** The full object ID HEAD resolves to for {@code directory}, as {@code git rev-parse HEAD}. */
  static Optional<String> revisionOf(Path directory, Map<String, String> environment) {
    if (environment.keySet().stream().anyMatch(GitHead::changesDiscovery)) {
      return Optional.empty();
    }
    try {
      Optional<Path> gitDirectory = gitDirectoryOf(directory.toAbsolutePath().normalize());
      if (gitDirectory.isEmpty() || Files.isDirectory(gitDirectory.get().resolve("reftable"))) {
        return Optional.empty();
      }
      Path commonDirectory = commonDirectoryOf(gitDirectory.get());
      return resolve(gitDirectory.get(), commonDirectory, "HEAD", 0);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * True when git would find no repository for {@code directory}: no {@code .git} and no bare
   * repository at or above it, and none of git's variables that point it elsewhere.
   */
  static boolean outsideRepository(Path directory, Map<String, String> environment) {
    if (environment.keySet().stream().anyMatch(GitHead::changesDiscovery)) {
      return false;
    }
    for (Path current = directory.toAbsolutePath().normalize();
        current != null;
        current = current.getParent()) {
      if (Files.exists(current.resolve(".git"))
          || (Files.isRegularFile(current.resolve("HEAD"))
              && Files.isDirectory(current.resolve("objects"))
              && Files.isDirectory(current.resolve("refs")))) {
        return false;
      }
    }
    return true;
  }

  /** The variables with which git finds its repository elsewhere than by walking up. */
  private static boolean changesDiscovery(String variable) {
    return variable.equals("GIT_DIR")
        || variable.equals("GIT_COMMON_DIR")
        || variable.equals("GIT_WORK_TREE")
        || variable.equals("GIT_CEILING_DIRECTORIES")
        || variable.equals("GIT_DISCOVERY_ACROSS_FILESYSTEM");
  }

  /** The nearest {@code .git} above or at {@code directory}: a directory, or a worktree's file. */
  private static Optional<Path> gitDirectoryOf(Path directory) throws IOException {
    for (Path current = directory; current != null; current = current.getParent()) {
      Path dotGit = current.resolve(".git");
      if (Files.isDirectory(dotGit)) {
        return Optional.of(dotGit);
      }
      if (Files.isRegularFile(dotGit)) {
        String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("gitdir: ")) {
          return Optional.empty();
        }
        return Optional.of(current.resolve(text.substring("gitdir: ".length())).normalize());
      }
    }
    return Optional.empty();
  }

  /** Where a linked worktree's shared refs live (its {@code commondir}); else the directory. */
  private static Path commonDirectoryOf(Path gitDirectory) throws IOException {
    Path pointer = gitDirectory.resolve("commondir");
    if (!Files.isRegularFile(pointer)) {
      return gitDirectory;
    }
    return gitDirectory
        .resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip())
        .normalize();
  }

  private static Optional<String> resolve(
      Path gitDirectory, Path commonDirectory, String name, int depth) throws IOException {
    if (depth > MAX_SYMBOLIC_DEPTH) {
      return Optional.empty();
    }
    Optional<String> value = looseRef(gitDirectory, commonDirectory, name);
    if (value.isEmpty()) {
      value = packedRef(commonDirectory, name);
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.get().startsWith(SYMBOLIC)) {
      return resolve(
          gitDirectory, commonDirectory, value.get().substring(SYMBOLIC.length()), depth + 1);
    }
    return OBJECT_ID.matcher(value.get()).matches() ? value : Optional.empty();
  }

  /**
   * A ref's file: HEAD and a worktree's own refs in its git directory, the branches and tags in the
   * common one.
   */
  private static Optional<String> looseRef(Path gitDirectory, Path commonDirectory, String name)
      throws IOException {
    if (name.contains("..") || name.startsWith("/")) {
      return Optional.empty();
    }
    boolean perWorktree =
        !name.contains("/")
            || name.startsWith("refs/worktree/")
            || name.startsWith("refs/bisect/")
            || name.startsWith("refs/rewritten/");
    Path file = (perWorktree ? gitDirectory : commonDirectory).resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
  }

  /** A ref in {@code packed-refs}: lines of "object-id name", peeled tags on "^" lines. */
  private static Optional<String> packedRef(Path commonDirectory, String name) throws IOException {
    Path file = commonDirectory.resolve("packed-refs");
    if (!name.startsWith("refs/") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (!line.startsWith("#") && !line.startsWith("^") && space > 0) {
        if (line.substring(space + 1).equals(name)) {
          return Optional.of(line.substring(0, space));
        }
      }
    }
    return Optional.empty();
  }
}
