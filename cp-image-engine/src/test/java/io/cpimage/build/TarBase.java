package io.cpimage.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@code tar://} base as a build does, for the tests that look at what it read and said.
 */
final class TarBase {
  private TarBase() {}

  /**
   * The base in {@code tar}, read with a work directory and a base cache of their own under {@code
   * scratch}; its log lines go to {@code log}.
   */
  static BaseImage read(Path tar, Path scratch, List<String> log) throws Exception {
    return BaseImage.read(
        ImageLocation.parse("tar://" + tar, "<from><image>", scratch),
        tar,
        scratch.resolve("work"),
        "<from><image>",
        BaseImageCache.in(scratch.resolve("cache")),
        event -> log.add(event.getMessage()));
  }
}
