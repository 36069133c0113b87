package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {

  @TempDir Path dir;

  @Test
  void createsAFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("server.properties");
    AtomicFileWriter.write(target, "a=b\n");
    assertEquals("a=b\n", Files.readString(target));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void replacesAnExistingFileAndKeepsItsPermissions() throws IOException {
    Path target = dir.resolve("server.properties");
    Files.writeString(target, "old content that is longer than the new\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFileWriter.write(target, "new\n");
    assertEquals("new\n", Files.readString(target));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals(List.of(target), list(dir));
  }

  @Test
  void failsWhenTheDirectoryIsMissing() {
    assertThrows(
        IOException.class, () -> AtomicFileWriter.write(dir.resolve("no/such/dir/x"), "x"));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
