package io.cpimage.connector;

import io.cpimage.artifact.ArchiveUnpacker;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ConnectPluginScanner;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Connectors already unpacked and scanned, in the user's cache beside the downloads, so a connector
 * whose content is unchanged is never unpacked or scanned again: an archive's tree and plugin
 * classes under {@code unpacked/<key>/}, a directory's plugin classes in {@code scanned/<key>}. The
 * key is the content's SHA-256 together with the bytecode of the unpacker and the scanner (all that
 * decides the result; the pipeline has no options that change it), so newer code never reads an
 * entry older code wrote. Entries appear in one rename ({@link CacheFiles}); one that does not
 * match its own listing (a file deleted or cut short) is discarded and made again.
 */
final class ScanCache {
  private static final String FORMAT = "cp-image connector cache 2";
  private static final String LISTING = "listing";
  private static final String TREE = "tree";

  private final Path unpacked;
  private final Path scanned;

  ScanCache(Path directory) {
    this.unpacked = directory.resolve("unpacked");
    this.scanned = directory.resolve("scanned");
  }

  /** The key of content whose parts (file names and content hashes) are {@code parts}. */
  static String key(List<String> parts) {
    List<String> all = new ArrayList<>();
    all.add(FORMAT);
    all.add(ContentHashes.ofClass(ArchiveUnpacker.class));
    all.add(ContentHashes.ofClass(ConnectPluginScanner.class));
    all.add(ContentHashes.ofClass(ServiceManifests.class));
    all.addAll(parts);
    return ContentHashes.ofParts(all);
  }

  /**
   * What a scan found: the plugin classes and the service manifest entries the connector lacks,
   * kept as two lines (classes, then {@code type=class} pairs, each space-separated).
   */
  record Scanned(List<String> pluginClasses, ServiceManifests missingManifests) {
    static Scanned of(ConnectPluginScanner.Scan scan) {
      return new Scanned(scan.pluginClasses(), ServiceManifests.missingFrom(scan));
    }

    ConnectorPipeline.StagedConnector stagedIn(Path directory) {
      return new ConnectorPipeline.StagedConnector(
          directory, pluginClasses, List.of(), missingManifests);
    }

    List<String> lines() {
      List<String> pairs = new ArrayList<>();
      missingManifests
          .entries()
          .forEach((type, classes) -> classes.forEach(c -> pairs.add(type + "=" + c)));
      return List.of(String.join(" ", pluginClasses), String.join(" ", pairs));
    }

    static Scanned parse(String classes, String pairs) {
      Map<String, Set<String>> entries = new TreeMap<>();
      for (String pair : words(pairs)) {
        int equals = pair.indexOf('=');
        entries
            .computeIfAbsent(pair.substring(0, equals), type -> new TreeSet<>())
            .add(pair.substring(equals + 1));
      }
      return new Scanned(words(classes), ServiceManifests.of(entries));
    }

    private static List<String> words(String line) {
      return line.isEmpty() ? List.of() : List.of(line.split(" "));
    }
  }

  /** What a scan of a directory with content {@code key} found. */
  Optional<Scanned> scanned(String key) {
    return CacheFiles.read(scanned.resolve(key))
        .map(CacheFiles::lines)
        // The second line, when empty (no manifest lacking), ends the text and is not read back.
        .filter(lines -> lines.size() == 1 || lines.size() == 2)
        .map(lines -> Scanned.parse(lines.get(0), lines.size() == 2 ? lines.get(1) : ""));
  }

  /** Keeps what a scan of a directory with content {@code key} found. */
  void keepScanned(String key, Scanned scanned) throws IOException {
    CacheFiles.write(this.scanned.resolve(key), text(scanned.lines()));
  }

  /** What unpacking and scanning connector files with content {@code key} gave, if kept. */
  Optional<ConnectorPipeline.StagedConnector> unpacked(String key) throws IOException {
    Path entry = unpacked.resolve(key);
    if (!Files.isDirectory(entry)) {
      return Optional.empty();
    }
    Optional<ConnectorPipeline.StagedConnector> kept = read(entry);
    if (kept.isEmpty()) {
      CacheFiles.discard(entry);
    }
    return kept;
  }

  /** Something that lays a connector out in a directory and scans it. */
  interface Stager {
    /** Lays out into {@code directory}; returns the connector's root in it and its plugins. */
    ConnectorPipeline.StagedConnector stage(Path directory) throws ArtifactException, IOException;
  }

  /**
   * Unpacks and scans with {@code stager} into a new entry for {@code key} and publishes it; when
   * another build published the same entry first, theirs is used. Nothing is kept on failure.
   */
  ConnectorPipeline.StagedConnector unpack(String key, Stager stager)
      throws ArtifactException, IOException {
    Path entry = unpacked.resolve(key);
    Path temporary = CacheFiles.temporaryDirectory(entry);
    try {
      ConnectorPipeline.StagedConnector staged = stager.stage(temporary.resolve(TREE));
      String root = temporary.relativize(staged.directory()).toString();
      List<String> lines = new ArrayList<>();
      lines.add(root);
      lines.addAll(new Scanned(staged.pluginClasses(), staged.missingManifests()).lines());
      lines.addAll(listing(temporary.resolve(TREE)));
      CacheFiles.write(temporary.resolve(LISTING), text(lines));
      if (!CacheFiles.publish(temporary, entry)) {
        Optional<ConnectorPipeline.StagedConnector> theirs = read(entry);
        if (theirs.isPresent()) {
          return theirs.get();
        }
        throw new IOException("the cache entry " + entry + " another build wrote is damaged");
      }
      return new Scanned(staged.pluginClasses(), staged.missingManifests())
          .stagedIn(entry.resolve(root));
    } finally {
      Directories.deleteRecursively(temporary);
    }
  }

  private static Optional<ConnectorPipeline.StagedConnector> read(Path entry) throws IOException {
    Optional<byte[]> payload = CacheFiles.read(entry.resolve(LISTING));
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = CacheFiles.lines(payload.get());
    if (lines.size() < 3 || !lines.subList(3, lines.size()).equals(listing(entry.resolve(TREE)))) {
      return Optional.empty();
    }
    return Optional.of(
        Scanned.parse(lines.get(1), lines.get(2)).stagedIn(entry.resolve(lines.get(0))));
  }

  /** Every directory and file under {@code tree} with its size, sorted: what an entry must hold. */
  private static List<String> listing(Path tree) throws IOException {
    if (!Files.isDirectory(tree)) {
      return List.of("missing");
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : walk.sorted().toList()) {
        String relative = tree.relativize(path).toString();
        lines.add(
            Files.isDirectory(path)
                ? "directory " + relative
                : "file " + Files.size(path) + " " + relative);
      }
    }
    return lines;
  }

  private static byte[] text(List<String> lines) {
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }
}
