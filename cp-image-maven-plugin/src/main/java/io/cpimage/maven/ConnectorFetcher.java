package io.cpimage.maven;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import io.cpimage.artifact.UrlDownloader;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Gets a connector's file from where the user pointed (Maven coordinates through Maven's resolver,
 * so mirrors and {@code -o} apply; a URL; a local file) and says how to declare it.
 */
final class ConnectorFetcher {

  /**
   * A fetched file, the declaration of where it came from, the parameter that named it (for
   * messages), and whether its checksum was computed here rather than given (trust on first use).
   */
  record Fetched(ConnectorSource source, Path file, String where, boolean trustedOnFirstUse) {}

  private final MavenArtifacts artifacts;
  private final UrlDownloader downloader;
  private final Path projectDirectory;

  ConnectorFetcher(MavenArtifacts artifacts, UrlDownloader downloader, Path projectDirectory) {
    this.artifacts = artifacts;
    this.downloader = downloader;
    this.projectDirectory = projectDirectory;
  }

  /** Resolves the connector's {@code -Dartifact} (the artifact alone, as the build takes it). */
  Fetched artifact(String coordinates) throws ArtifactException {
    return resolved(coordinates, "-Dartifact", false);
  }

  /** Resolves a {@code -Dlibrary}, declared (as the build takes it) with its dependencies. */
  Fetched library(String coordinates) throws ArtifactException {
    return resolved(coordinates, "-Dlibrary", true);
  }

  private Fetched resolved(String coordinates, String parameter, boolean transitive)
      throws ArtifactException {
    String where = parameter + "=" + coordinates;
    MavenCoordinates parsed = MavenCoordinates.parse(coordinates, parameter);
    Path file = artifacts.resolve(parsed, false, where).get(0);
    return new Fetched(new ConnectorSource.MavenArtifact(parsed, transitive), file, where, false);
  }

  /**
   * Downloads {@code url}. With no checksum given, the file's SHA-256 is computed and declared: it
   * is trusted on first use, which the log says.
   */
  Fetched url(String url, Checksum expectedOrNull, boolean insecure) throws ArtifactException {
    String where = "-Durl=" + url;
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new ArtifactException(where + ": \"" + url + "\" is not a URL: " + e.getMessage(), e);
    }
    if ("http".equals(String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT)) && !insecure) {
      throw new ArtifactException(
          where
              + ": "
              + uri
              + " uses plain http, which anyone on the way can alter. Use the https:// URL, or"
              + " add -Dinsecure to accept it.");
    }
    // Without a checksum the downloader needs "insecure" to accept the URL; http was checked above.
    Path file = downloader.download(uri, expectedOrNull, true, where);
    Checksum checksum = expectedOrNull;
    if (checksum == null) {
      try {
        checksum = Checksum.sha256Of(file);
      } catch (IOException e) {
        throw new ArtifactException(where + ": cannot read " + file + ": " + e, e);
      }
    }
    return new Fetched(
        new ConnectorSource.Download(uri, checksum, insecure), file, where, expectedOrNull == null);
  }

  /** A local file; declared relative to the project directory when it lies inside it. */
  Fetched file(Path file) throws ArtifactException {
    String where = "-Dfile=" + file;
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new ArtifactException(
          where + ": " + absolute + " is not a file. Give the path of a connector jar or archive.");
    }
    Path base = projectDirectory.toAbsolutePath().normalize();
    Path declared = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
    return new Fetched(new ConnectorSource.LocalFile(declared, null), absolute, where, false);
  }
}
