package io.cpimage.artifact;

import java.net.URI;
import java.nio.file.Path;

/** STUB for the parallel artifact branch; the lead replaces it with the real class. */
public final class UrlDownloader {
  public UrlDownloader(Path cacheDirectory) {}

  public Path download(URI uri, Checksum expectedOrNull, boolean insecure, String where)
      throws ArtifactException {
    throw new ArtifactException("stub: " + where);
  }
}
