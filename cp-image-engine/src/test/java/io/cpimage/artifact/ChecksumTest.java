package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumTest {
  // Digests of "hello\n", as `sha256sum` and `sha512sum` print them.
  private static final String HELLO_SHA256 =
      "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
  private static final String HELLO_SHA512 =
      "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931"
          + "f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b316e7ce3b6bc019629";
  private static final String WHERE = "<connectors><connector name=\"jdbc\"><url>";

  @TempDir Path dir;

  private Path hello() throws Exception {
    return Files.writeString(dir.resolve("hello.txt"), "hello\n", StandardCharsets.UTF_8);
  }

  @Test
  void acceptsTheRightSha256AndSha512() throws Exception {
    Path file = hello();
    Checksum.of("sha256", HELLO_SHA256).verify(file, WHERE);
    Checksum.of("sha512", HELLO_SHA512).verify(file, WHERE);
    assertEquals(Checksum.of("sha256", HELLO_SHA256), Checksum.sha256Of(file));
  }

  @Test
  void acceptsUpperCaseHexAndNormalisesIt() throws Exception {
    Checksum upper = Checksum.of("SHA256", " " + HELLO_SHA256.toUpperCase() + " ");
    upper.verify(hello(), WHERE);
    assertEquals("sha256", upper.algorithm());
    assertEquals(HELLO_SHA256, upper.hex());
  }

  @Test
  void aWrongDigestNamesWhereExpectedAndActual() throws Exception {
    String wrong = HELLO_SHA256.replace('5', '6');
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> Checksum.of("sha256", wrong).verify(hello(), WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("expected sha256 " + wrong), e.getMessage());
    assertTrue(e.getMessage().contains("<sha256>" + HELLO_SHA256 + "</sha256>"), e.getMessage());
  }

  @Test
  void aWrongSha512IsCaughtToo() throws Exception {
    String wrong = "0" + HELLO_SHA512.substring(1);
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> Checksum.of("sha512", wrong).verify(hello(), WHERE));
    assertTrue(e.getMessage().contains("but the file has " + HELLO_SHA512), e.getMessage());
  }

  @Test
  void refusesAnUnknownAlgorithm() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checksum.of("md5", HELLO_SHA256));
    assertTrue(e.getMessage().contains("use sha256 or sha512"), e.getMessage());
  }

  @Test
  void refusesMalformedHexWithWhereWhenParsed() {
    assertThrows(IllegalArgumentException.class, () -> Checksum.of("sha256", "abc"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Checksum.of("sha256", HELLO_SHA256.replace('a', 'g')));
    // A sha256 value given as <sha512>: the length gives it away.
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> Checksum.parse("sha512", HELLO_SHA256, WHERE + "<sha512>"));
    assertEquals(
        WHERE
            + "<sha512>: \""
            + HELLO_SHA256
            + "\" is not a SHA-512 value: expected 128 hex digits (0-9, a-f), as printed by"
            + " sha512sum",
        e.getMessage());
  }

  @Test
  void anUnreadableFileIsReportedWithWhere() {
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> Checksum.of("sha256", HELLO_SHA256).verify(dir.resolve("missing.jar"), WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": cannot read"), e.getMessage());
  }
}
