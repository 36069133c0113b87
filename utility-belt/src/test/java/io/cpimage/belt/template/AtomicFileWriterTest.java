package io.cpimage.belt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void replacesTheFileASymbolicLinkPointsToAndKeepsTheLink() throws IOException {
    Path real = Files.writeString(Files.createDirectory(dir.resolve("real")).resolve("f"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    AtomicFileWriter.write(link, "new");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new", Files.readString(real));
  }

  @Test
  void refusesToReplaceADirectory() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("conf"));
    IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.write(directory, "x"));
    assertEquals(directory + " is a directory", e.getMessage());
    assertTrue(Files.isDirectory(directory));
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
