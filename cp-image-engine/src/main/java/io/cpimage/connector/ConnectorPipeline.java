package io.cpimage.connector;

import io.cpimage.artifact.ArchiveUnpacker;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.ConnectPluginScanner;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.Directories;
import io.cpimage.artifact.FileDigests;
import io.cpimage.artifact.UrlDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way a connector (and a library or JDK) gets from its {@link ConnectorSource} to files:
 * resolved through the {@link ArtifactResolver} or downloaded, verified against its checksum,
 * unpacked, scanned for Kafka Connect plugin classes, and refused when it holds none. {@code
 * cp-image:build} lays out its layers with it, {@code cp-image:verify-ready} reads the declared
 * connectors' plugin classes with it, and {@code cp-image:add-connector} checks a connector with it
 * before declaring it. Records each fetched file's source and sha256 for the build report.
 */
public final class ConnectorPipeline {
  private final ArtifactResolver resolver;
  private final UrlDownloader downloader;
  private final ScanCache scanCache;
  private final ContentHashes hashes;
  private final FileDigests digests;
  private final List<FetchedFile> fetched = new ArrayList<>();

  /** One fetched file (or directory) and where it came from, as the build report lists it. */
  public record FetchedFile(String where, String source, String file, String sha256) {}

  private ConnectorPipeline(
      ArtifactResolver resolver,
      UrlDownloader downloader,
      ScanCache scanCache,
      ContentHashes hashes,
      FileDigests digests) {
    this.resolver = resolver;
    this.downloader = downloader;
    this.scanCache = scanCache;
    this.hashes = hashes;
    this.digests = digests;
  }

  /**
   * With {@code offline} (Maven's -o), URLs come from the download cache only. Connectors unpacked
   * and scanned are kept beside the downloads, in {@code <downloadCache>/connectors}, and the
   * checksums of local files in {@code <downloadCache>/file-hashes}, and the SHA-512s the SBOM
   * lists by content in {@code <downloadCache>/sha512-by-sha256}.
   */
  public static ConnectorPipeline create(
      ArtifactResolver resolver, Path downloadCache, boolean offline) {
    UrlDownloader downloader = new UrlDownloader(downloadCache);
    Path sha512s = downloadCache.resolve("sha512-by-sha256");
    // A jar changed since the last build is read once: the SHA-512 its SBOM entry needs is
    // computed when the fingerprint reads it for its SHA-256.
    ContentHashes hashes =
        new ContentHashes(fileHashes(downloadCache), FileDigests.reading(sha512s));
    return new ConnectorPipeline(
        resolver,
        offline ? downloader.offline() : downloader,
        new ScanCache(downloadCache.resolve("connectors")),
        hashes,
        new FileDigests(hashes, sha512s));
  }

  /** Where the checksums of local files are kept, by path, size and time, for later builds. */
  public static Path fileHashes(Path downloadCache) {
    return downloadCache.resolve("file-hashes");
  }

  /**
   * The SHA-256s of this machine's files that this pipeline knows, for the build's other inputs:
   * one instance, so a file hashed once in a build is not read again for another purpose.
   */
  public ContentHashes contentHashes() {
    return hashes;
  }

  /** The SHA-256 and SHA-512 of files, as the SBOM lists them, over {@link #contentHashes()}. */
  public FileDigests fileDigests() {
    return digests;
  }

  /** The files fetched so far, in order. */
  public List<FetchedFile> fetched() {
    return List.copyOf(fetched);
  }

  /**
   * What identifies {@code source}'s content, for the build's fingerprint: a download's declared
   * checksum, else the SHA-256 of each file (or directory tree) it resolves to, with its name;
   * empty for a download without a checksum, whose content is known only once it is fetched.
   */
  public Optional<List<String>> contentIdentity(ConnectorSource source, String where)
      throws ArtifactException {
    if (source instanceof ConnectorSource.Download download) {
      return download.checksum() == null
          ? Optional.empty()
          : Optional.of(List.of(download.uri() + " " + download.checksum()));
    }
    List<String> parts = new ArrayList<>();
    for (Path file : files(source, where)) {
      parts.add(file.getFileName() + " " + hash(file, source, where));
    }
    return Optional.of(parts);
  }

  /** The files of {@code source} on this machine, verified against their checksum. */
  List<Path> fetch(ConnectorSource source, String where) throws ArtifactException {
    List<Path> files = files(source, where);
    for (Path file : files) {
      fetched.add(
          new FetchedFile(
              where,
              source.description(),
              file.getFileName().toString(),
              Files.isRegularFile(file) ? "sha256:" + hash(file, source, where) : "directory"));
    }
    return files;
  }

  private String hash(Path file, ConnectorSource source, String where) throws ArtifactException {
    try {
      return hashes.of(file);
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot read " + source.description() + ": " + e.getMessage(), e);
    }
  }

  private List<Path> files(ConnectorSource source, String where) throws ArtifactException {
    List<Path> files = new ArrayList<>();
    if (source instanceof ConnectorSource.MavenArtifact artifact) {
      files.addAll(
          resolver.resolve(artifact.coordinates(), artifact.transitive(), where + "<artifact>"));
    } else if (source instanceof ConnectorSource.ProjectFiles project) {
      files.addAll(project.files());
    } else if (source instanceof ConnectorSource.Download download) {
      files.add(
          downloader.download(download.uri(), download.checksum(), download.insecure(), where));
    } else if (source instanceof ConnectorSource.LocalFile local) {
      if (!Files.exists(local.path())) {
        throw new ArtifactException(
            where
                + ": "
                + local.path()
                + " does not exist; fix the path (relative paths start at the project directory)");
      }
      if (local.checksum() != null) {
        local.checksum().verify(local.path(), where);
      }
      files.add(local.path());
    }
    return files;
  }

  /**
   * Fetches {@code source} into {@code directory} (emptied first): archives are unpacked, other
   * files copied. When the result is one top-level directory (how Confluent Hub and JDK archives
   * are packed), that directory is returned as the root. A local directory is used in place.
   */
  public Path stage(ConnectorSource source, Path directory, String where) throws ArtifactException {
    return stageFiles(fetch(source, where), source, directory, where);
  }

  private static Path stageFiles(
      List<Path> files, ConnectorSource source, Path directory, String where)
      throws ArtifactException {
    if (files.size() == 1 && Files.isDirectory(files.get(0))) {
      return files.get(0);
    }
    try {
      return layOut(files, directory, where);
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot stage " + source.description() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A connector laid out on this machine: the directory its image directory holds, its plugins, and
   * the files it was fetched as (what the SBOM lists its checksums of), and the ServiceLoader
   * manifests its plugins lack.
   */
  public record StagedConnector(
      Path directory,
      List<String> pluginClasses,
      List<Path> fetched,
      ServiceManifests missingManifests) {
    public StagedConnector {
      pluginClasses = List.copyOf(pluginClasses);
      fetched = List.copyOf(fetched);
    }
  }

  /**
   * Stages a connector and scans it. A directory is used in place; files are unpacked (or copied)
   * into the connector cache, where the same content is found unpacked and scanned next time.
   *
   * @throws NotAConnectorException when it holds no plugin class
   */
  public StagedConnector stageConnector(String name, ConnectorSource source, String where)
      throws ArtifactException {
    List<Path> files = fetch(source, where);
    StagedConnector staged = stageFiles(name, source, files, where);
    return new StagedConnector(
        staged.directory(), staged.pluginClasses(), files, staged.missingManifests());
  }

  /** Stages fetched {@code files} through the connector cache; {@code fetched} left empty. */
  private StagedConnector stageFiles(
      String name, ConnectorSource source, List<Path> files, String where)
      throws ArtifactException {
    List<String> parts = new ArrayList<>();
    for (Path file : files) {
      parts.add(file.getFileName() + " " + hash(file, source, where));
    }
    String key = ScanCache.key(parts);
    try {
      if (files.size() == 1 && Files.isDirectory(files.get(0))) {
        Path directory = files.get(0);
        Optional<ScanCache.Scanned> kept = scanCache.scanned(key);
        if (kept.isPresent()) {
          return kept.get().stagedIn(directory);
        }
        ScanCache.Scanned scanned = ScanCache.Scanned.of(scan(directory, source, where));
        scanCache.keepScanned(key, scanned);
        return scanned.stagedIn(directory);
      }
      Optional<StagedConnector> kept = scanCache.unpacked(key);
      if (kept.isPresent()) {
        return kept.get();
      }
      return scanCache.unpack(
          key,
          tree -> {
            Path root = layOut(files, tree, where);
            return ScanCache.Scanned.of(scan(root, source, where)).stagedIn(root);
          });
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot stage " + source.description() + " (" + name + "): " + e.getMessage(),
          e);
    }
  }

  /** The jar files of a library (libraries are placed as they are, never unpacked). */
  public List<Path> libraryFiles(ConnectorSource source, String where) throws ArtifactException {
    List<Path> files = fetch(source, where);
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new ArtifactException(
            where + ": " + file + " is not a file; a library is a jar file");
      }
    }
    return files;
  }

  /** The one scan of {@code staged}, the connector {@code source} laid out. */
  private static ConnectPluginScanner.Scan scan(Path staged, ConnectorSource source, String where)
      throws ArtifactException {
    ConnectPluginScanner.Scan scan = ConnectPluginScanner.scanPlugins(staged, where);
    if (scan.pluginClasses().isEmpty()) {
      throw new NotAConnectorException(where, source.description());
    }
    return scan;
  }

  /**
   * What {@code cp-image:add-connector} checks before declaring a connector: its plugin classes and
   * its plugin isolation problems (see {@link PluginIsolation}), the problems empty when there is
   * none.
   */
  public record CheckedConnector(List<String> pluginClasses, List<String> isolationProblems) {
    public CheckedConnector {
      pluginClasses = List.copyOf(pluginClasses);
      isolationProblems = List.copyOf(isolationProblems);
    }
  }

  /**
   * Checks the connector {@code name}, fetched as {@code file}, laid out as the build would lay it
   * out with {@code libraries} beside it, in a scratch directory that is deleted afterwards.
   *
   * @throws NotAConnectorException when it holds no plugin class
   */
  public static CheckedConnector check(
      String name, Path file, ConnectorSource source, List<Path> libraries, String where)
      throws ArtifactException {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("cp-image-connector-");
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot create a scratch directory: " + e, e);
    }
    try {
      Path staged = layOut(List.of(file), scratch.resolve("connector"), where);
      List<String> plugins = scan(staged, source, where).pluginClasses();
      List<Path> jars = new ArrayList<>(PluginIsolation.jarsUnder(staged, where));
      jars.addAll(libraries);
      List<String> problems =
          PluginIsolation.problemsOf(
              List.of(new PluginIsolation.ConnectorContents(name, where, staged, jars, plugins)));
      return new CheckedConnector(plugins, problems);
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot copy " + file + ": " + e, e);
    } finally {
      try {
        Directories.deleteRecursively(scratch);
      } catch (IOException e) {
        // Only a scratch copy under the system's temp directory is left behind.
      }
    }
  }

  /**
   * Unpacks the archives among {@code files} into {@code directory} (emptied first) and copies the
   * others; returns the single top-level directory when there is one, else {@code directory}.
   */
  private static Path layOut(List<Path> files, Path directory, String where)
      throws ArtifactException, IOException {
    Directories.deleteRecursively(directory);
    Files.createDirectories(directory);
    for (Path file : files) {
      if (ArchiveUnpacker.isArchive(file)) {
        ArchiveUnpacker.unpack(file, directory, where);
      } else {
        Files.copy(
            file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (Stream<Path> children = Files.list(directory)) {
      List<Path> top = children.toList();
      if (top.size() == 1 && Files.isDirectory(top.get(0))) {
        return top.get(0);
      }
    }
    return directory;
  }
}
