package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DownloadCacheTest {

  @Test
  void theDefaultCacheIsInTheLocalRepositoryAndFilesAreKeptByChecksum() {
    Path repository = Path.of("/tmp/m2/repository");
    DownloadCache cache = DownloadCache.inLocalRepository(repository);
    Checksum checksum = Checksum.of("sha512", "ab".repeat(64));

    assertEquals(repository.resolve(".cache/cp-image"), cache.directory());
    assertEquals(
        repository.resolve(".cache/cp-image/sha512/" + "ab".repeat(64) + "/c.zip"),
        cache.verified(checksum, "c.zip"));
    assertEquals(
        repository.resolve(".cache/cp-image/unverified/" + "ab".repeat(64) + "/c.zip"),
        cache.unverified(checksum, "c.zip"));
  }
}
