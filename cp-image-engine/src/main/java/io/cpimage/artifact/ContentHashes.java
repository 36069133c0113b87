package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * SHA-256 digests of what a build takes from this machine: a file's content, or a directory tree's
 * (each entry's relative path, kind, executable bit, and content or link target), which is what the
 * caches and the build's fingerprint are keyed by. A file hashed before is not read again while its
 * size and modification time (in nanoseconds) stay the same, as git's index and Gradle's file
 * snapshots do: within one instance, and across builds when the instance keeps what it has seen in
 * a directory (one sealed entry per path, see {@link CacheFiles}).
 */
public final class ContentHashes {
  private record Seen(long size, long modified, String hex) {
    String line() {
      return size + " " + modified + " " + hex;
    }
  }

  /**
   * How long after its last change a file's hash is kept, for a time in whole seconds (FAT, HFS+,
   * ext3, some network file systems, or copies that dropped the fraction): the next change may
   * repeat the same time for up to 2 seconds.
   */
  private static final long RACY_NANOS_COARSE = TimeUnit.SECONDS.toNanos(2);

  /**
   * The same for a time with a fraction of a second: the file system's clock ticks at least every
   * 10 ms (Linux's coarse clock, exFAT), so a tenth of a second is safe. A connector jar copied or
   * built just before the build is then kept by that build, not hashed again by the next.
   */
  private static final long RACY_NANOS_FINE = TimeUnit.MILLISECONDS.toNanos(100);

  private final Map<Path, Seen> seen = new HashMap<>();
  private final Path kept;
  private final Reading reading;

  /** Hashes remembered by this instance only. */
  public ContentHashes() {
    this(null);
  }

  /** Hashes remembered in {@code directory} too, for later builds (null: not kept). */
  public ContentHashes(Path directory) {
    this(directory, file -> Checksum.sha256Of(file).hex());
  }

  /**
   * As {@link #ContentHashes(Path)}, a file whose SHA-256 is not known read by {@code reading}
   * (which may compute more of it in the same pass, see {@link FileDigests#reading}).
   */
  public ContentHashes(Path directory, Reading reading) {
    this.kept = directory;
    this.reading = reading;
  }

  /**
   * How a file is read when its SHA-256 is not known: once, giving the SHA-256 of what it read, and
   * computing in the same pass whatever else its caller needs of the content.
   */
  @FunctionalInterface
  public interface Reading {
    /** The hex SHA-256 of {@code file}'s content, read once. */
    String sha256(Path file) throws IOException;
  }

  /** The hex SHA-256 of the file's content, or of the tree under a directory. */
  public String of(Path path) throws IOException {
    return of(path, reading);
  }

  /**
   * As {@link #of(Path)}, a file (and each file of a tree) read by {@code reading} when its SHA-256
   * is not known; a file known by its size and time is not read at all.
   */
  public synchronized String of(Path path, Reading reading) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isDirectory()) {
      return tree(path, reading);
    }
    Path key = path.toAbsolutePath().normalize();
    long modified = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    Seen known = known(key);
    if (known != null && known.size() == attributes.size() && known.modified() == modified) {
      seen.put(key, known);
      return known.hex();
    }
    long readFrom = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    return remember(key, new Seen(attributes.size(), modified, reading.sha256(path)), readFrom);
  }

  /**
   * Takes {@code sha256} as the SHA-256 of {@code file}'s content as it is now, without reading it:
   * for a file its caller has just written from content whose digest it was given.
   */
  public synchronized void know(Path file, String sha256) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    Path key = file.toAbsolutePath().normalize();
    Seen given =
        new Seen(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), sha256);
    if (given.equals(known(key))) {
      seen.put(key, given);
      return;
    }
    remember(key, given, now);
  }

  /**
   * Remembers {@code hashed} for {@code key}, and keeps it for later builds unless the file may
   * still change unseen: a file changed again in the same clock tick as the change before keeps its
   * time ("racy git"), so its hash is kept only if that tick had passed at {@code readFrom}, when
   * the content was read.
   */
  private String remember(Path key, Seen hashed, long readFrom) throws IOException {
    seen.put(key, hashed);
    if (kept != null && readFrom - hashed.modified() > racyNanos(hashed.modified())) {
      CacheFiles.write(entry(key), hashed.line().getBytes(StandardCharsets.UTF_8));
    }
    return hashed.hex();
  }

  private static long racyNanos(long modified) {
    return modified % TimeUnit.SECONDS.toNanos(1) == 0 ? RACY_NANOS_COARSE : RACY_NANOS_FINE;
  }

  /** What this instance, or an earlier build, saw of {@code key}; null when nothing. */
  private Seen known(Path key) {
    return seen.containsKey(key) ? seen.get(key) : keptFor(key);
  }

  private Seen keptFor(Path file) {
    if (kept == null) {
      return null;
    }
    Optional<String> line =
        CacheFiles.read(entry(file)).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    String[] fields = line.orElse("").split(" ");
    try {
      return fields.length == 3
          ? new Seen(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2])
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** One entry per path: its name is the path's SHA-256. */
  private Path entry(Path file) {
    return kept.resolve(ofParts(List.of(file.toString())));
  }

  /**
   * What stands for a file's content where a hash would cost too much: its size, time (in
   * nanoseconds) and path, or that it is absent. A file replaced or rewritten changes it.
   */
  public static String stateOf(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return "absent " + path;
    }
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    return attributes.size()
        + " "
        + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
        + " "
        + path;
  }

  /** The hex SHA-256 of the given strings, each ended by a newline: a key made of parts. */
  public static String ofParts(List<String> parts) {
    MessageDigest digest = sha256();
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The hex SHA-256 of {@code bytes}. */
  public static String ofBytes(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /** The hex SHA-256 of a class's bytecode: a cache written by older code is not read by newer. */
  public static String ofClass(Class<?> type) {
    String resource = type.getName().substring(type.getName().lastIndexOf('.') + 1) + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no bytecode for " + type.getName());
      }
      return ofBytes(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bytecode of " + type.getName(), e);
    }
  }

  private String tree(Path directory, Reading reading) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted().toList();
    }
    MessageDigest digest = sha256();
    for (Path path : paths) {
      String relative = directory.relativize(path).toString();
      String entry;
      if (Files.isSymbolicLink(path)) {
        entry = "link " + relative + " " + Files.readSymbolicLink(path);
      } else if (Files.isDirectory(path)) {
        entry = "directory " + relative;
      } else {
        entry =
            (Files.isExecutable(path) ? "executable " : "file ")
                + relative
                + " "
                + of(path, reading);
      }
      digest.update(entry.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's contract).
      throw new IllegalStateException(e);
    }
  }
}
