package io.cpimage.build;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Plans the layers: every file with its owner and mode, and, before it, an explicit entry for every
 * directory above it carrying the owner, group and mode that directory has in the base image (or in
 * an earlier layer of this build). Without those entries jib writes each parent as root:755 and,
 * for example, takes appuser's write access to {@code /usr/share/confluent-hub-components} away.
 */
final class LayerPlanner {
  static final String ROOT = "0:0";
  static final int DIRECTORY_MODE = 0755;
  static final int FILE_MODE = 0644;
  static final int EXECUTABLE_MODE = 0755;

  private final BaseFilesystem base;
  private final Path emptyDirectory;
  private final BaseFilesystem.Hashing hashing;
  private final Consumer<LayerPlan.Layer> finished;
  private final Map<String, Node> planned = new HashMap<>();
  private final List<LayerPlan.Layer> layers = new ArrayList<>();

  /**
   * @param emptyDirectory an empty directory of this machine: jib needs a real source for the
   *     directory entries, and copies only its type (owner, mode and time come from the plan)
   * @param hashing the SHA-256 of a jar, which gives its time ({@link JarTime})
   */
  LayerPlanner(BaseFilesystem base, Path emptyDirectory, BaseFilesystem.Hashing hashing) {
    this(base, emptyDirectory, hashing, layer -> {});
  }

  /**
   * As {@link #LayerPlanner(BaseFilesystem, Path, BaseFilesystem.Hashing)}; {@code finished} gets
   * each layer as it ends.
   */
  LayerPlanner(
      BaseFilesystem base,
      Path emptyDirectory,
      BaseFilesystem.Hashing hashing,
      Consumer<LayerPlan.Layer> finished) {
    this.base = base;
    this.emptyDirectory = emptyDirectory;
    this.hashing = hashing;
    this.finished = finished;
  }

  /** Starts a layer; add entries, then {@link Layer#finish()}. */
  Layer layer(String name) {
    return new Layer(name);
  }

  LayerPlan plan() {
    return new LayerPlan(List.copyOf(layers));
  }

  /** The mode a file of this machine gets: its exec bit is kept, the rest normalised. */
  static int modeOf(Path file) throws IOException {
    return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)
        ? EXECUTABLE_MODE
        : FILE_MODE;
  }

  /** One layer being planned. */
  final class Layer {
    private final String name;
    private final Map<String, FileEntry> entries = new LinkedHashMap<>();
    private final List<String> files = new ArrayList<>();

    private Layer(String name) {
      this.name = name;
    }

    /** Adds a file at {@code imagePath} (root-owned); a jar gets its {@link JarTime}. */
    Layer addFile(Path source, String imagePath, int mode, String where)
        throws ImageBuildException, IOException {
      String path = base.resolve(imagePath);
      addParents(path, where);
      checkNotDirectory(path, where);
      Instant time =
          JarTime.appliesTo(path)
              ? JarTime.ofSha256(hashing.sha256(source))
              : FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
      entries.put(path, entry(source, path, mode, ROOT, time));
      files.add(path);
      return this;
    }

    /** Takes back a file added before, e.g. a bundled jar that a declared library supersedes. */
    Layer remove(String imagePath) {
      String path = base.resolve(imagePath);
      entries.remove(path);
      files.remove(path);
      return this;
    }

    /**
     * Adds a directory with the given owner and mode (a volume). The path must not be a file in the
     * base or in an earlier layer.
     */
    Layer addDirectory(String imagePath, String ownership, int mode, String where)
        throws ImageBuildException {
      String path = base.resolve(imagePath);
      addParents(path, where);
      Node existing = existing(path);
      if (existing != null && existing.type() != Type.DIRECTORY) {
        throw notADirectory(
            where + " '" + imagePath + "'", existing, "not a directory; choose another path");
      }
      String[] owner = ownership.split(":");
      planned.put(
          path,
          new Node(
              Type.DIRECTORY, Integer.parseInt(owner[0]), Integer.parseInt(owner[1]), mode, null));
      entries.put(path, directoryEntry(path, mode, ownership));
      return this;
    }

    /**
     * Adds a directory tree of this machine under {@code into}: directories that exist in the base
     * keep their metadata, new ones are root:755, files keep their exec bit unless a permission
     * rule matches their image path.
     */
    Layer addTree(Path directory, String into, List<ImageSpec.PermissionRule> rules, String where)
        throws ImageBuildException, IOException {
      List<Map.Entry<PathMatcher, Integer>> matchers = new ArrayList<>();
      for (ImageSpec.PermissionRule rule : rules) {
        matchers.add(
            Map.entry(
                FileSystems.getDefault().getPathMatcher("glob:" + rule.glob()), parseMode(rule)));
      }
      try (Stream<Path> walk = Files.walk(directory)) {
        for (Path source : walk.sorted().toList()) {
          String imagePath = join(into, directory.relativize(source).toString());
          if (Files.isDirectory(source)) {
            if (!imagePath.equals("/")) {
              addExistingOrNewDirectory(base.resolve(imagePath), where);
            }
          } else {
            int mode = modeOf(source);
            for (Map.Entry<PathMatcher, Integer> matcher : matchers) {
              if (matcher.getKey().matches(Path.of(imagePath))) {
                mode = matcher.getValue();
              }
            }
            addFile(source, imagePath, mode, where);
          }
        }
      }
      return this;
    }

    /** The layer as planned so far, not yet ended. */
    LayerPlan.Layer planned() {
      return new LayerPlan.Layer(name, List.copyOf(entries.values()), List.copyOf(files));
    }

    /** Ends the layer; an empty layer is left out. */
    void finish() {
      if (!entries.isEmpty()) {
        LayerPlan.Layer layer = planned();
        layers.add(layer);
        finished.accept(layer);
      }
    }

    private void addParents(String path, String where) throws ImageBuildException {
      int slash = path.indexOf('/', 1);
      while (slash > 0) {
        addExistingOrNewDirectory(path.substring(0, slash), where);
        slash = path.indexOf('/', slash + 1);
      }
    }

    private void addExistingOrNewDirectory(String path, String where) throws ImageBuildException {
      if (entries.containsKey(path)) {
        return;
      }
      // Parents first: jib writes entries in this order and gives a parent it has not seen yet
      // the root:755 default, dropping our explicit entry for it later as a duplicate.
      addParents(path, where);
      Node existing = existing(path);
      if (existing == null) {
        existing = new Node(Type.DIRECTORY, 0, 0, DIRECTORY_MODE, null);
        planned.put(path, existing);
      } else if (existing.type() != Type.DIRECTORY) {
        throw notADirectory(
            where + ": " + path,
            existing,
            "so nothing can be placed under it; choose another target path");
      }
      entries.put(path, directoryEntry(path, existing.mode(), existing.ownership()));
    }

    /** {@code path} (as a message names it) must be a directory but is {@code existing}. */
    private static ImageBuildException notADirectory(String path, Node existing, String fix) {
      return new ImageBuildException(
          path
              + " is a "
              + existing.type().name().toLowerCase(java.util.Locale.ROOT)
              + " in the base image, "
              + fix);
    }

    private void checkNotDirectory(String path, String where) throws ImageBuildException {
      Node existing = existing(path);
      if (existing != null && existing.type() == Type.DIRECTORY) {
        throw new ImageBuildException(
            where
                + ": "
                + path
                + " is a directory in the base image and cannot be replaced by a file");
      }
    }
  }

  private Node existing(String path) {
    Node node = planned.get(path);
    return node != null ? node : base.lookup(path).orElse(null);
  }

  private FileEntry directoryEntry(String path, int mode, String ownership) {
    return entry(emptyDirectory, path, mode, ownership, FileEntriesLayer.DEFAULT_MODIFICATION_TIME);
  }

  private static FileEntry entry(
      Path source, String path, int mode, String ownership, Instant time) {
    return new FileEntry(
        source,
        AbsoluteUnixPath.get(path),
        FilePermissions.fromOctalString(String.format("%03o", mode)),
        time,
        ownership);
  }

  private static int parseMode(ImageSpec.PermissionRule rule) throws ImageBuildException {
    if (rule.mode() == null || !rule.mode().matches("[0-7]{3}")) {
      throw new ImageBuildException(
          "<extraDirectories><permissions><permission> for '"
              + rule.glob()
              + "': mode '"
              + rule.mode()
              + "' is not three octal digits; write e.g. <mode>755</mode>");
    }
    return Integer.parseInt(rule.mode(), 8);
  }

  /** {@code into} + a relative path of this machine, as an image path. */
  static String join(String into, String relative) {
    String rel = relative.replace('\\', '/');
    String root = into.endsWith("/") ? into.substring(0, into.length() - 1) : into;
    if (rel.isEmpty()) {
      return root.isEmpty() ? "/" : root;
    }
    return root + "/" + rel;
  }
}
