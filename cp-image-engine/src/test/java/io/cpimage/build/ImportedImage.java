package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image of one file made with {@code docker import}: a base the tests' engine holds
 * without a pull, which the tests themselves remove.
 */
final class ImportedImage {

  private ImportedImage() {}

  /**
   * Imports an image named {@code name} whose only file is {@code path}, holding {@code content}.
   */
  static void create(Path workDirectory, String name, String path, byte[] content)
      throws IOException, InterruptedException {
    Path rootfs = Files.createTempFile(workDirectory, "rootfs", ".tar");
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(rootfs))) {
      TarArchiveEntry entry = new TarArchiveEntry(path);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    Process imported =
        new ProcessBuilder("docker", "import", rootfs.toString(), name)
            .redirectErrorStream(true)
            .start();
    String output = new String(imported.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, imported.waitFor(), "docker import " + name + ": " + output);
  }
}
