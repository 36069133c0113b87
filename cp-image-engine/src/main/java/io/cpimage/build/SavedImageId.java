package io.cpimage.build;

import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The image ID of a docker-save tar (the SHA-256 of its config), read from the tar's headers, its
 * manifest and its config alone, without a JSON library: the up-to-date check of a build on a
 * {@code tar://} base costs no more than that.
 */
final class SavedImageId {
  // docker save writes the config's name as a plain string; one with an escape is not looked into.
  private static final Pattern CONFIG = Pattern.compile("\"Config\"\\s*:\\s*\"([^\"\\\\]+)\"");

  private SavedImageId() {}

  /** The tar's image ID; empty for a gzipped, unreadable or unusual tar (the build then runs). */
  static Optional<String> of(Path tar) {
    try (TarFile file = new TarFile(tar)) {
      TarArchiveEntry manifest = entry(file, "manifest.json");
      if (manifest == null) {
        return Optional.empty();
      }
      Matcher config;
      try (InputStream in = file.getInputStream(manifest)) {
        config = CONFIG.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      if (!config.find()) {
        return Optional.empty();
      }
      TarArchiveEntry configEntry = entry(file, config.group(1));
      if (configEntry == null) {
        return Optional.empty();
      }
      try (InputStream in = file.getInputStream(configEntry)) {
        return Optional.of("sha256:" + ContentHashes.ofBytes(in.readAllBytes()));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static TarArchiveEntry entry(TarFile file, String name) {
    String wanted = BaseFilesystem.normalize(name);
    for (TarArchiveEntry entry : file.getEntries()) {
      if (BaseFilesystem.normalize(entry.getName()).equals(wanted)) {
        return entry;
      }
    }
    return null;
  }
}
