package io.cpimage.build;

import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import io.cpimage.belt.settings.SettingsCatalogue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The base image's file tree as metadata (type, owner, group, mode, link target), read from its
 * layer tars in order with whiteouts applied. jib resets every directory it writes to root:755, so
 * the layer plan asks this index what each touched directory looks like in the base.
 */
public final class BaseFilesystem {

  /** What a path is. */
  public enum Type {
    DIRECTORY,
    FILE,
    SYMLINK,
    OTHER
  }

  /** One path's metadata; {@code mode} holds the permission bits only. */
  public record Node(Type type, int uid, int gid, int mode, String linkTarget) {
    public String ownership() {
      return uid + ":" + gid;
    }
  }

  /**
   * Small files whose content the build needs: users, groups, a JDK's release file, the settings
   * catalogue (40 KB for Kafka 4.4).
   */
  private static final int MAX_CAPTURED_SIZE = 256 * 1024;

  /** Debian's package database, which the SBOM lists; a full one is a few hundred KB. */
  public static final String DPKG_STATUS = "/var/lib/dpkg/status";

  private static final int MAX_DPKG_STATUS_SIZE = 32 * 1024 * 1024;

  /** The Kafka jars' directories, whose jars the SBOM lists with their SHA-256. */
  private static final Pattern KAFKA_JAR = Pattern.compile("/usr/share/java/kafka[^/]*/.+\\.jar");

  /** The files whose SHA-256 the index keeps: the Kafka jars, and the utility belt's files. */
  private static boolean isDigested(String path) {
    return KAFKA_JAR.matcher(path).matches() || BundledUtilityBelt.installs(path);
  }

  private final Map<String, Node> nodes;
  private final Map<String, byte[]> contents;
  private final Map<String, String> digests;

  private BaseFilesystem(
      Map<String, Node> nodes, Map<String, byte[]> contents, Map<String, String> digests) {
    this.nodes = nodes;
    this.contents = contents;
    this.digests = digests;
  }

  /** An empty file system (a scratch base). */
  public static BaseFilesystem empty() {
    return new BaseFilesystem(new HashMap<>(), new HashMap<>(), new HashMap<>());
  }

  /** Applies one layer tar (plain or gzipped) on top of what was read so far. */
  public void applyLayer(InputStream layer) throws IOException {
    TarArchiveInputStream tar = layerEntries(layer);
    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
      String path = normalize(entry.getName());
      String name = path.substring(path.lastIndexOf('/') + 1);
      String parent = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
      if (name.equals(".wh..wh..opq")) {
        removeChildren(parent);
      } else if (name.startsWith(".wh.")) {
        String removed = (parent.isEmpty() ? "" : parent) + "/" + name.substring(4);
        nodes.remove(removed);
        contents.remove(removed);
        digests.remove(removed);
        removeChildren(removed);
      } else if (!path.equals("/")) {
        nodes.put(path, toNode(entry));
        contents.remove(path);
        digests.remove(path);
        if (entry.isFile() && entry.getSize() <= MAX_CAPTURED_SIZE && isCaptured(path)) {
          contents.put(path, tar.readAllBytes());
        } else if (entry.isFile()
            && entry.getSize() <= MAX_DPKG_STATUS_SIZE
            && path.equals(DPKG_STATUS)) {
          contents.put(path, tar.readAllBytes());
        } else if (entry.isFile() && isDigested(path)) {
          digests.put(path, sha256(tar));
        }
      }
    }
  }

  /** The entries of {@code layer}, a layer tar, plain or gzipped (told by its first bytes). */
  static TarArchiveInputStream layerEntries(InputStream layer) throws IOException {
    InputStream in = new BufferedInputStream(layer);
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return new TarArchiveInputStream(
        first == 0x1f && second == 0x8b ? new GZIPInputStream(in, 65536) : in);
  }

  /** A file's SHA-256 (hex), from whatever keeps them. */
  interface Hashing {
    String sha256(Path file) throws IOException;
  }

  /**
   * The tree of an image built on this one from {@code layers}, in order: each entry's node as jib
   * writes it (a directory or a file, with the plan's owner and mode; the planner gives every entry
   * both, and no link or whiteout), the files this index captures read from their sources, the
   * SHA-256 of those it keeps from {@code hashing}. This tree stays as it is.
   */
  BaseFilesystem withLayers(List<LayerPlan.Layer> layers, Hashing hashing) throws IOException {
    BaseFilesystem image =
        new BaseFilesystem(new HashMap<>(nodes), new HashMap<>(contents), new HashMap<>(digests));
    for (LayerPlan.Layer layer : layers) {
      for (FileEntry entry : layer.entries()) {
        image.apply(entry, hashing);
      }
    }
    return image;
  }

  private void apply(FileEntry entry, Hashing hashing) throws IOException {
    String path = normalize(entry.getExtractionPath().toString());
    Path source = entry.getSourceFile();
    String[] owner = entry.getOwnership().split(":");
    boolean directory = Files.isDirectory(source);
    nodes.put(
        path,
        new Node(
            directory ? Type.DIRECTORY : Type.FILE,
            Integer.parseInt(owner[0]),
            Integer.parseInt(owner[1]),
            entry.getPermissions().getPermissionBits(),
            null));
    contents.remove(path);
    digests.remove(path);
    if (directory) {
      return;
    }
    long size = Files.size(source);
    if ((size <= MAX_CAPTURED_SIZE && isCaptured(path))
        || (size <= MAX_DPKG_STATUS_SIZE && path.equals(DPKG_STATUS))) {
      contents.put(path, Files.readAllBytes(source));
    } else if (isDigested(path)) {
      digests.put(path, hashing.sha256(source));
    }
  }

  private static Node toNode(TarArchiveEntry entry) {
    Type type;
    String link = null;
    if (entry.isDirectory()) {
      type = Type.DIRECTORY;
    } else if (entry.isSymbolicLink()) {
      type = Type.SYMLINK;
      link = entry.getLinkName();
    } else if (entry.isFile() || entry.isLink()) {
      type = Type.FILE;
    } else {
      type = Type.OTHER;
    }
    return new Node(
        type,
        (int) entry.getLongUserId(),
        (int) entry.getLongGroupId(),
        entry.getMode() & 0777,
        link);
  }

  private static boolean isCaptured(String path) {
    return path.equals("/etc/passwd")
        || path.equals("/etc/group")
        || path.endsWith("/release")
        || path.endsWith("/os-release")
        || path.equals(SettingsCatalogue.IMAGE_PATH);
  }

  /** Hashing while the tar streams by costs no second read of the layer. */
  private static String sha256(InputStream entry) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[65536];
      for (int read; (read = entry.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private void removeChildren(String directory) {
    String prefix = directory + "/";
    nodes.keySet().removeIf(p -> p.startsWith(prefix));
    contents.keySet().removeIf(p -> p.startsWith(prefix));
    digests.keySet().removeIf(p -> p.startsWith(prefix));
  }

  /** Turns a tar entry name or an image path into the absolute form the index uses. */
  static String normalize(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.equals(".") || path.isEmpty()) {
      return "/";
    }
    return path.startsWith("/") ? path : "/" + path;
  }

  /**
   * Follows symlinks in {@code path}'s directories as the container would, so that a file meant for
   * {@code /opt/kafka/libs} lands in the real directory and not over the link.
   */
  public String resolve(String path) {
    List<String> todo = new ArrayList<>(List.of(normalize(path).substring(1).split("/")));
    String resolved = "";
    for (int hops = 0; !todo.isEmpty(); ) {
      String part = todo.remove(0);
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        resolved = resolved.contains("/") ? resolved.substring(0, resolved.lastIndexOf('/')) : "";
        continue;
      }
      String candidate = resolved + "/" + part;
      Node node = nodes.get(candidate);
      if (node != null && node.type() == Type.SYMLINK && !todo.isEmpty() && hops++ < 40) {
        String target = node.linkTarget();
        List<String> rest = new ArrayList<>(List.of(target.split("/")));
        rest.addAll(todo);
        todo = rest;
        if (target.startsWith("/")) {
          resolved = "";
        }
      } else {
        resolved = candidate;
      }
    }
    return resolved.isEmpty() ? "/" : resolved;
  }

  /** The node at {@code path} after resolving symlinked directories, if the base has one. */
  public Optional<Node> lookup(String path) {
    return Optional.ofNullable(nodes.get(resolve(path)));
  }

  /**
   * The text of a small captured file ({@code /etc/passwd}, a {@code release} file, the settings
   * catalogue).
   */
  public Optional<String> text(String path) {
    return Optional.ofNullable(contents.get(resolve(path)))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  /**
   * The text of {@code path} like {@link #text}, following a symlink at the path itself too ({@code
   * /etc/os-release} links to {@code ../usr/lib/os-release}).
   */
  public Optional<String> textFollowingLinks(String path) {
    String current = resolve(path);
    for (int hops = 0; hops < 40; hops++) {
      Node node = nodes.get(current);
      if (node == null || node.type() != Type.SYMLINK) {
        break;
      }
      String target = node.linkTarget();
      String parent = current.substring(0, current.lastIndexOf('/'));
      current = resolve(target.startsWith("/") ? target : parent + "/" + target);
    }
    return text(current);
  }

  /**
   * The jars of the base's Kafka directories ({@code /usr/share/java/kafka*}) with their SHA-256
   * (hex), by image path, sorted.
   */
  public SortedMap<String, String> kafkaJars() {
    SortedMap<String, String> jars = new TreeMap<>();
    digests.forEach(
        (path, digest) -> {
          if (KAFKA_JAR.matcher(path).matches()) {
            jars.put(path, digest);
          }
        });
    return jars;
  }

  /**
   * The SHA-256 (hex) of the file at {@code path} (resolved), if the index keeps it: a Kafka jar or
   * one of the utility belt's files.
   */
  Optional<String> sha256(String path) {
    return Optional.ofNullable(digests.get(resolve(path)));
  }

  /** Every path's metadata, for {@link BaseImageCache}. */
  Map<String, Node> nodes() {
    return Collections.unmodifiableMap(nodes);
  }

  /** The captured files' contents, for {@link BaseImageCache}. */
  Map<String, byte[]> contents() {
    return Collections.unmodifiableMap(contents);
  }

  /** The kept digests, for {@link BaseImageCache}. */
  Map<String, String> digests() {
    return Collections.unmodifiableMap(digests);
  }

  /**
   * The file system {@link BaseImageCache} kept, over its maps as they are (not copied: its nodes
   * are decoded as they are asked for). It is complete, so it takes no further layer.
   */
  static BaseFilesystem restored(
      Map<String, Node> nodes, Map<String, byte[]> contents, Map<String, String> digests) {
    return new BaseFilesystem(
        Collections.unmodifiableMap(nodes),
        Collections.unmodifiableMap(contents),
        Collections.unmodifiableMap(digests));
  }

  /** Convenience for tests: a base built from one in-memory map. */
  static BaseFilesystem of(Map<String, Node> entries, Map<String, String> files) {
    BaseFilesystem fs = empty();
    entries.forEach((path, node) -> fs.nodes.put(normalize(path), node));
    files.forEach(
        (path, text) -> fs.contents.put(normalize(path), text.getBytes(StandardCharsets.UTF_8)));
    return fs;
  }
}
