package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCommandTest {

  @TempDir Path dir;

  @Test
  void anExistingDirectoryPassesEveryCheck() {
    for (String mode : new String[] {"writable", "readable", "executable", "exists"}) {
      assertEquals(new DubRun(0, "", ""), dub("path", dir.toString(), mode), mode);
    }
  }

  @Test
  void aMissingPathFailsEveryCheckWithOnlyTheFailedLine() {
    String missing = dir.resolve("missing").toString();
    for (String mode : new String[] {"writable", "readable", "executable", "exists"}) {
      assertEquals(
          new DubRun(1, "", failedLine("path", missing, mode)), dub("path", missing, mode), mode);
    }
  }

  @Test
  void aFileWithoutExecuteBitsIsNotExecutable() throws IOException {
    Path file = Files.createFile(dir.resolve("script"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(1, dub("path", file.toString(), "executable").code());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr--r--"));
    assertEquals(0, dub("path", file.toString(), "executable").code());
  }

  @Test
  void anUnknownModeIsAUsageError() {
    DubRun run = dub("path", dir.toString(), "existence");
    assertEquals(2, run.code());
    assertTrue(
        run.err().contains("expected one of [writable, readable, executable, exists]"), run.err());
  }
}
