package io.cpimage.artifact;

import java.nio.file.Path;

/** STUB for the parallel artifact branch; the lead replaces it with the real class. */
public final class ArchiveUnpacker {
  private ArchiveUnpacker() {}

  public static boolean isArchive(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".zip")
        || name.endsWith(".tar.gz")
        || name.endsWith(".tgz")
        || name.endsWith(".tar");
  }

  public static void unpack(Path archive, Path destination, String where)
      throws ArtifactException {
    throw new ArtifactException(where + ": archives are not supported by this stub");
  }
}
