package io.cpimage.build;

import io.cpimage.artifact.ArchiveUnpacker;
import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.artifact.UrlDownloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fetches and verifies artifacts (downloads, local files, files Maven resolved) and lays them out
 * in a staging directory per concern, unpacking archives; records each file's source and sha256.
 */
final class ArtifactStager {
  private final UrlDownloader downloader;
  private final List<BuildReport.ArtifactRecord> records = new ArrayList<>();

  /** With {@code offline} (Maven's -o), URLs come from the download cache only. */
  ArtifactStager(Path downloadCache, boolean offline) {
    UrlDownloader downloader = new UrlDownloader(downloadCache);
    this.downloader = offline ? downloader.offline() : downloader;
  }

  List<BuildReport.ArtifactRecord> records() {
    return List.copyOf(records);
  }

  /** The files of {@code source} on this machine, verified against their checksum. */
  List<Path> fetch(ArtifactSource source, String where) throws ImageBuildException {
    try {
      List<Path> files = new ArrayList<>();
      if (source instanceof ArtifactSource.Resolved resolved) {
        files.addAll(resolved.files());
      } else if (source instanceof ArtifactSource.Url url) {
        files.add(downloader.download(url.uri(), url.checksum(), url.insecure(), where));
      } else if (source instanceof ArtifactSource.LocalFile local) {
        if (!Files.exists(local.path())) {
          throw new ImageBuildException(
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
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          records.add(
              new BuildReport.ArtifactRecord(
                  where,
                  source.description(),
                  file.getFileName().toString(),
                  "sha256:" + Checksum.sha256Of(file).hex()));
        } else {
          records.add(
              new BuildReport.ArtifactRecord(
                  where, source.description(), file.getFileName().toString(), "directory"));
        }
      }
      return files;
    } catch (ArtifactException e) {
      throw new ImageBuildException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageBuildException(
          where + ": cannot read " + source.description() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fetches {@code source} into {@code directory} (emptied first): archives are unpacked, other
   * files copied. When the result is one top-level directory (how Confluent Hub and JDK archives
   * are packed), that directory is returned as the root. A local directory is used in place.
   */
  Path stage(ArtifactSource source, Path directory, String where) throws ImageBuildException {
    List<Path> files = fetch(source, where);
    if (files.size() == 1 && Files.isDirectory(files.get(0))) {
      return files.get(0);
    }
    try {
      deleteRecursively(directory);
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
    } catch (ArtifactException e) {
      throw new ImageBuildException(e.getMessage(), e);
    } catch (IOException e) {
      throw new ImageBuildException(
          where + ": cannot stage " + source.description() + ": " + e.getMessage(), e);
    }
  }

  /** The jar files of a library (libraries are placed as they are, never unpacked). */
  List<Path> libraryFiles(ArtifactSource source, String where) throws ImageBuildException {
    List<Path> staged = new ArrayList<>();
    for (Path file : fetch(source, where)) {
      if (!Files.isRegularFile(file)) {
        throw new ImageBuildException(
            where + ": " + file + " is not a file; a library is a jar file");
      }
      staged.add(file);
    }
    return staged;
  }

  static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
