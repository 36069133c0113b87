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
import java.util.Optional;
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
  private static final String FORMAT = "cp-image connector cache 1";
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
    all.addAll(parts);
    return ContentHashes.ofParts(all);
  }

  /** The plugin classes a directory with content {@code key} was found to hold. */
  Optional<List<String>> scanned(String key) {
    return CacheFiles.read(scanned.resolve(key)).map(CacheFiles::lines);
  }

  /** Keeps what a directory with content {@code key} holds. */
  void keepScanned(String key, List<String> plugins) throws IOException {
    CacheFiles.write(scanned.resolve(key), text(plugins));
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
      lines.add(String.join(" ", staged.pluginClasses()));
      lines.addAll(listing(temporary.resolve(TREE)));
      CacheFiles.write(temporary.resolve(LISTING), text(lines));
      if (!CacheFiles.publish(temporary, entry)) {
        Optional<ConnectorPipeline.StagedConnector> theirs = read(entry);
        if (theirs.isPresent()) {
          return theirs.get();
        }
        throw new IOException("the cache entry " + entry + " another build wrote is damaged");
      }
      return new ConnectorPipeline.StagedConnector(
          entry.resolve(root), staged.pluginClasses(), List.of());
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
    if (lines.size() < 2 || !lines.subList(2, lines.size()).equals(listing(entry.resolve(TREE)))) {
      return Optional.empty();
    }
    List<String> plugins = lines.get(1).isEmpty() ? List.of() : List.of(lines.get(1).split(" "));
    return Optional.of(
        new ConnectorPipeline.StagedConnector(entry.resolve(lines.get(0)), plugins, List.of()));
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
