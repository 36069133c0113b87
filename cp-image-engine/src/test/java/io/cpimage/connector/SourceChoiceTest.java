package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;
import org.junit.jupiter.api.Test;

class SourceChoiceTest {
  private static final String FORMS =
      "<artifact> (groupId:artifactId:version), <url> (with <sha256> or <sha512>) or <file>";

  @Test
  void exactlyOneFormIsAccepted() throws ArtifactException {
    SourceChoice.requireExactlyOne("<libraries><library>", 1, FORMS);

    assertEquals(
        "<libraries><library>: give exactly one of " + FORMS + "; found 2",
        assertThrows(
                ArtifactException.class,
                () -> SourceChoice.requireExactlyOne("<libraries><library>", 2, FORMS))
            .getMessage());
    assertEquals(
        "<jdk>: give exactly one of " + FORMS + "; found 0",
        assertThrows(
                ArtifactException.class, () -> SourceChoice.requireExactlyOne("<jdk>", 0, FORMS))
            .getMessage());
  }

  @Test
  void bothChecksumsAreRefusedInTheUsersSpelling() {
    String hex = "ab".repeat(32);
    assertEquals(
        "<jdk>: give <sha256> or <sha512>, not both",
        assertThrows(
                ArtifactException.class,
                () -> SourceChoice.checksum(hex, hex, "<jdk>", SourceChoice.Spelling.ELEMENT))
            .getMessage());
    assertEquals(
        "-Durl=https://h/c.zip: give -Dsha256 or -Dsha512, not both",
        assertThrows(
                ArtifactException.class,
                () ->
                    SourceChoice.checksum(
                        hex, hex, "-Durl=https://h/c.zip", SourceChoice.Spelling.PROPERTY))
            .getMessage());
  }

  @Test
  void aChecksumIsParsedNamingItsParameter() throws ArtifactException {
    assertEquals(
        Checksum.of("sha256", "ab".repeat(32)),
        SourceChoice.checksum(
            " " + "AB".repeat(32) + " ", null, "<jdk>", SourceChoice.Spelling.ELEMENT));
    assertNull(SourceChoice.checksum(null, null, "<jdk>", SourceChoice.Spelling.ELEMENT));
    assertEquals(
        "<jdk><sha512>: \"ab\" is not a SHA-512 value: expected 128 hex digits (0-9, a-f), as"
            + " printed by sha512sum",
        assertThrows(
                ArtifactException.class,
                () -> SourceChoice.checksum(null, "ab", "<jdk>", SourceChoice.Spelling.ELEMENT))
            .getMessage());
    assertEquals(
        "-Dsha512: \"ab\" is not a SHA-512 value: expected 128 hex digits (0-9, a-f), as printed"
            + " by sha512sum",
        assertThrows(
                ArtifactException.class,
                () -> SourceChoice.checksum(null, "ab", "-Durl=x", SourceChoice.Spelling.PROPERTY))
            .getMessage());
  }
}
