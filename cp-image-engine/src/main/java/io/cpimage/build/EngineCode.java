package io.cpimage.build;

import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * Which engine this is: its jar by path, size and time, as Maven replaces the file when the plugin
 * changes, or, when it runs from a classes directory, that directory's content. A build's
 * fingerprint stays valid while this stays the same.
 */
final class EngineCode {
  private EngineCode() {}

  /** The engine's identity; empty when the JVM does not say where its classes come from. */
  static Optional<String> identity(ContentHashes hashes) throws IOException {
    CodeSource source = EngineCode.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    Path code;
    try {
      code = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(Files.isDirectory(code) ? hashes.of(code) : ContentHashes.stateOf(code));
  }
}
