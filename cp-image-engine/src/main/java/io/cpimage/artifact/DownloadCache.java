package io.cpimage.artifact;

import java.nio.file.Path;

/**
 * Where downloads are kept: by default under the local Maven repository, shared by {@code
 * cp-image:build} and {@code cp-image:add-connector}, so that a download one made is not fetched
 * again by the other. A file with a known checksum lives at {@code
 * <directory>/<algorithm>/<hex>/<file name>}; one downloaded without a checksum at {@code
 * <directory>/unverified/<its sha256>/<file name>}, which no lookup by checksum ever finds.
 */
public record DownloadCache(Path directory) {

  public DownloadCache {
    directory = directory.toAbsolutePath();
  }

  /** The default cache of a local Maven repository. */
  public static DownloadCache inLocalRepository(Path localRepository) {
    return new DownloadCache(localRepository.resolve(".cache").resolve("cp-image"));
  }

  /** Where the file {@code fileName} with {@code checksum} is kept. */
  Path verified(Checksum checksum, String fileName) {
    return directory.resolve(checksum.algorithm()).resolve(checksum.hex()).resolve(fileName);
  }

  /** Where a file downloaded without a checksum is kept, by the SHA-256 it turned out to have. */
  Path unverified(Checksum actual, String fileName) {
    return directory.resolve("unverified").resolve(actual.hex()).resolve(fileName);
  }
}
