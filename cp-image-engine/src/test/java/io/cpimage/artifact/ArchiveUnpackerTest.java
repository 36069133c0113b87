package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacks archives this test writes with commons-compress, as a publisher's tools would. */
class ArchiveUnpackerTest {
  private static final String WHERE = "<connectors><connector name=\"debezium\"><url>";

  @TempDir Path work;

  /** One entry of a test archive: a file, a directory or a link. */
  private record Entry(String name, String content, int mode, byte linkFlag, String linkName) {
    static Entry file(String name, String content, int mode) {
      return new Entry(name, content, mode, TarConstants.LF_NORMAL, null);
    }

    static Entry directory(String name) {
      return new Entry(name, null, 0755, TarConstants.LF_DIR, null);
    }

    static Entry symlink(String name, String target) {
      return new Entry(name, null, 0777, TarConstants.LF_SYMLINK, target);
    }

    static Entry hardLink(String name, String target) {
      return new Entry(name, null, 0644, TarConstants.LF_LINK, target);
    }
  }

  private Path tar(String fileName, boolean gzip, Entry... entries) throws IOException {
    Path archive = work.resolve(fileName);
    try (OutputStream file = Files.newOutputStream(archive);
        OutputStream compressed = gzip ? new GzipCompressorOutputStream(file) : file;
        TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Entry entry : entries) {
        TarArchiveEntry tarEntry = new TarArchiveEntry(entry.name(), entry.linkFlag(), true);
        tarEntry.setMode(entry.mode());
        byte[] content = bytes(entry.content());
        if (entry.linkName() != null) {
          tarEntry.setLinkName(entry.linkName());
        } else if (entry.linkFlag() == TarConstants.LF_NORMAL) {
          tarEntry.setSize(content.length);
        }
        tar.putArchiveEntry(tarEntry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return archive;
  }

  private Path zip(String fileName, Entry... entries) throws IOException {
    Path archive = work.resolve(fileName);
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
      for (Entry entry : entries) {
        ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
        byte[] content = bytes(entry.content());
        if (entry.linkFlag() == TarConstants.LF_SYMLINK) {
          zipEntry.setUnixMode(UnixStat.LINK_FLAG | 0777);
          content = entry.linkName().getBytes(StandardCharsets.UTF_8);
        } else if (entry.linkFlag() == TarConstants.LF_DIR) {
          zipEntry.setUnixMode(UnixStat.DIR_FLAG | entry.mode());
        } else {
          zipEntry.setUnixMode(UnixStat.FILE_FLAG | entry.mode());
        }
        zip.putArchiveEntry(zipEntry);
        zip.write(content);
        zip.closeArchiveEntry();
      }
    }
    return archive;
  }

  private static byte[] bytes(String content) {
    return content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void recognisesArchivesByName() {
    assertTrue(ArchiveUnpacker.isArchive(Path.of("confluentinc-kafka-connect-jdbc-10.7.6.zip")));
    assertTrue(
        ArchiveUnpacker.isArchive(Path.of("debezium-connector-mysql-2.7.Final-plugin.tar.gz")));
    assertTrue(ArchiveUnpacker.isArchive(Path.of("jdk.TGZ")));
    assertTrue(ArchiveUnpacker.isArchive(Path.of("plugin.tar")));
    assertFalse(ArchiveUnpacker.isArchive(Path.of("mysql-connector-j-8.4.0.jar")));
    assertFalse(ArchiveUnpacker.isArchive(Path.of("notes.gz")));
  }

  @Test
  void unpacksAConfluentHubStyleZipKeepingModes() throws Exception {
    Path archive =
        zip(
            "acme-kafka-connect-foo-1.0.zip",
            Entry.directory("acme-kafka-connect-foo-1.0/"),
            Entry.file("acme-kafka-connect-foo-1.0/manifest.json", "{}", 0644),
            Entry.directory("acme-kafka-connect-foo-1.0/lib/"),
            Entry.file("acme-kafka-connect-foo-1.0/lib/foo.jar", "jar", 0644),
            Entry.file("acme-kafka-connect-foo-1.0/bin/setup.sh", "#!/bin/sh", 0755));
    Path destination = work.resolve("connectors/foo");
    ArchiveUnpacker.unpack(archive, destination, WHERE);

    Path root = destination.resolve("acme-kafka-connect-foo-1.0");
    assertEquals("jar", Files.readString(root.resolve("lib/foo.jar")));
    assertEquals("{}", Files.readString(root.resolve("manifest.json")));
    assertEquals("rwxr-xr-x", mode(root.resolve("bin/setup.sh")));
    assertEquals("rw-r--r--", mode(root.resolve("lib/foo.jar")));
    assertEquals(List.of(), hiddenSiblings(destination), "no staging directory is left behind");
  }

  @Test
  void unpacksATgzKeepingExecBits() throws Exception {
    Path archive =
        tar(
            "jdk-17.tgz",
            true,
            Entry.directory("jdk-17/"),
            Entry.directory("jdk-17/bin/"),
            new Entry("jdk-17/conf/", null, 0750, TarConstants.LF_DIR, null),
            Entry.file("jdk-17/bin/java", "#!/bin/sh\necho java", 0755),
            Entry.file("jdk-17/release", "JAVA_VERSION=\"17\"", 0444),
            Entry.file("./jdk-17/lib/modules", "modules", 0640));
    Path destination = work.resolve("jdk");
    ArchiveUnpacker.unpack(archive, destination, WHERE);

    assertEquals("rwxr-xr-x", mode(destination.resolve("jdk-17/bin/java")));
    assertEquals("rwxr-xr-x", mode(destination), "the destination itself");
    assertEquals("rwxr-x---", mode(destination.resolve("jdk-17/conf")));
    assertEquals("rwxr-xr-x", mode(destination.resolve("jdk-17/lib")), "a directory not listed");
    assertEquals("r--r--r--", mode(destination.resolve("jdk-17/release")));
    assertEquals("rw-r-----", mode(destination.resolve("jdk-17/lib/modules")));
    assertEquals("modules", Files.readString(destination.resolve("jdk-17/lib/modules")));
  }

  @Test
  void unpacksAPlainTarWithLongNames() throws Exception {
    String longName = "plugin/" + "very-long-directory-name/".repeat(6) + "connector.jar";
    Path archive = tar("plugin.tar", false, Entry.file(longName, "jar", 0600));
    ArchiveUnpacker.unpack(archive, work.resolve("out"), WHERE);
    assertEquals("jar", Files.readString(work.resolve("out").resolve(longName)));
    assertEquals("rw-------", mode(work.resolve("out").resolve(longName)));
  }

  @Test
  void linksInsideTheArchiveBecomeCopies() throws Exception {
    Path archive =
        tar(
            "jdk.tar.gz",
            true,
            // The link comes before its target, as in real archives.
            Entry.symlink("jdk/legal/java.sql/LICENSE", "../java.base/LICENSE"),
            Entry.file("jdk/legal/java.base/LICENSE", "GPLv2+CE", 0644),
            Entry.hardLink("jdk/bin/javac", "jdk/bin/java"),
            Entry.file("jdk/bin/java", "java", 0755),
            Entry.symlink("jdk/current", "bin"));
    Path out = work.resolve("out");
    ArchiveUnpacker.unpack(archive, out, WHERE);

    Path copy = out.resolve("jdk/legal/java.sql/LICENSE");
    assertFalse(Files.isSymbolicLink(copy));
    assertEquals("GPLv2+CE", Files.readString(copy));
    assertEquals("java", Files.readString(out.resolve("jdk/bin/javac")));
    assertEquals("rwxr-xr-x", mode(out.resolve("jdk/bin/javac")));
    assertFalse(Files.isSymbolicLink(out.resolve("jdk/current")));
    assertEquals("java", Files.readString(out.resolve("jdk/current/javac")));
  }

  @Test
  void refusesAnEntryClimbingOut() throws Exception {
    Path archive =
        zip("evil.zip", Entry.file("lib/ok.jar", "ok", 0644), Entry.file("../evil", "x", 0644));
    assertRefused(archive, "its entry \"../evil\" would be written outside the directory");
    assertFalse(Files.exists(work.resolve("evil")));
  }

  @Test
  void refusesAnEntryClimbingOutThroughASubdirectory() throws Exception {
    Path archive = tar("evil.tar", false, Entry.file("lib/../../evil", "x", 0644));
    assertRefused(archive, "its entry \"lib/../../evil\" would be written outside");
  }

  @Test
  void refusesAnAbsolutePath() throws Exception {
    Path archive = zip("absolute.zip", Entry.file("/etc/cron.d/evil", "x", 0644));
    assertRefused(archive, "its entry \"/etc/cron.d/evil\" has an absolute path");
  }

  @Test
  void refusesASymlinkEscaping() throws Exception {
    Path archive =
        tar(
            "escape.tgz",
            true,
            Entry.file("plugin/lib/a.jar", "a", 0644),
            Entry.symlink("plugin/lib/passwd", "../../../etc/passwd"));
    assertRefused(archive, "its entry \"plugin/lib/passwd\" is a symbolic link to");
  }

  @Test
  void refusesAnAbsoluteSymlinkInAZip() throws Exception {
    Path archive = zip("escape.zip", Entry.symlink("plugin/shadow", "/etc/shadow"));
    assertRefused(
        archive,
        "is a symbolic link to \"/etc/shadow\", an absolute path outside the archive (if you"
            + " packed it, store the file the link points to instead: tar --dereference)");
  }

  @Test
  void refusesAHardLinkEscaping() throws Exception {
    Path archive = tar("escape.tar", false, Entry.hardLink("plugin/passwd", "../etc/passwd"));
    assertRefused(archive, "is a hard link to \"../etc/passwd\", which lies outside");
  }

  @Test
  void refusesADanglingOrLoopingLink() throws Exception {
    Path dangling = tar("dangling.tar", false, Entry.symlink("plugin/a", "missing.jar"));
    assertRefused(dangling, "which the archive does not hold");
    Path loop =
        tar("loop.tar", false, Entry.symlink("plugin/a", "b"), Entry.symlink("plugin/b", "a"));
    assertRefused(loop, "forms a loop of links");
    Path self = tar("self.tar", false, Entry.symlink("plugin/lib/up", ".."));
    assertRefused(self, "which contains the link itself");
  }

  @Test
  void aCorruptArchiveGivesAClearMessage() throws Exception {
    Path notZip = Files.writeString(work.resolve("connector.zip"), "<html>404 Not Found</html>");
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ArchiveUnpacker.unpack(notZip, work.resolve("out"), WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": connector.zip is damaged or is not a zip archive"),
        e.getMessage());

    Path good = tar("connector.tar.gz", true, Entry.file("lib/a.jar", "a".repeat(10_000), 0644));
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = work.resolve("truncated.tgz");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    e =
        assertThrows(
            ArtifactException.class,
            () -> ArchiveUnpacker.unpack(truncated, work.resolve("out"), WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": truncated.tgz is damaged or is not a tar.gz archive"),
        e.getMessage());
    assertFalse(Files.exists(work.resolve("out")));
  }

  @Test
  void anEmptyArchiveIsRefused() throws Exception {
    Path empty = tar("empty.tar", false);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ArchiveUnpacker.unpack(empty, work.resolve("out"), WHERE));
    assertEquals(
        WHERE + ": empty.tar holds no entries. Check that it is the right file.", e.getMessage());
  }

  @Test
  void aFailureLeavesAnExistingDestinationAsItWas() throws Exception {
    Path destination = Files.createDirectories(work.resolve("connectors/jdbc"));
    Files.writeString(destination.resolve("mysql-connector-j.jar"), "driver");
    Path archive =
        tar(
            "jdbc.tgz",
            true,
            Entry.file("lib/kafka-connect-jdbc.jar", "jdbc", 0644),
            Entry.file("../../evil", "x", 0644));
    assertThrows(
        ArtifactException.class, () -> ArchiveUnpacker.unpack(archive, destination, WHERE));
    assertEquals(List.of(destination.resolve("mysql-connector-j.jar")), filesUnder(destination));
    assertEquals(List.of(), hiddenSiblings(destination));
  }

  @Test
  void addsToAnExistingDestinationButNeverOverwrites() throws Exception {
    Path destination = Files.createDirectories(work.resolve("connectors/jdbc"));
    Files.writeString(destination.resolve("driver.jar"), "driver");
    ArchiveUnpacker.unpack(
        tar("jdbc.tgz", true, Entry.file("lib/jdbc.jar", "jdbc", 0644)), destination, WHERE);
    assertEquals("jdbc", Files.readString(destination.resolve("lib/jdbc.jar")));
    assertEquals("driver", Files.readString(destination.resolve("driver.jar")));

    Path clash = tar("clash.tar", false, Entry.file("driver.jar", "other", 0644));
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> ArchiveUnpacker.unpack(clash, destination, WHERE));
    assertTrue(e.getMessage().contains("holds driver.jar, which already exists"), e.getMessage());
    assertEquals("driver", Files.readString(destination.resolve("driver.jar")));
  }

  @Test
  void refusesAFileThatIsNoArchive() {
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> ArchiveUnpacker.unpack(work.resolve("driver.jar"), work.resolve("out"), WHERE));
    assertTrue(e.getMessage().contains("Use a .zip, .tar, .tar.gz or .tgz file"), e.getMessage());
  }

  private void assertRefused(Path archive, String expected) {
    Path destination = work.resolve("out-" + archive.getFileName());
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> ArchiveUnpacker.unpack(archive, destination, WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": the archive " + archive.getFileName() + " is refused"),
        e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(Files.exists(destination), "nothing is unpacked");
    assertEquals(List.of(), hiddenSiblings(destination));
  }

  /** Staging directories the unpacker may have left next to {@code destination}. */
  private static List<Path> hiddenSiblings(Path destination) {
    try (Stream<Path> list = Files.list(destination.getParent())) {
      return list.filter(path -> path.getFileName().toString().startsWith(".")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> filesUnder(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
