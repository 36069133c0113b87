package io.cpimage.connector;

import io.cpimage.artifact.ArtifactException;
import io.cpimage.artifact.Checksum;

/**
 * The two rules of every source declaration, wherever it is written (a {@code <connector>}, a
 * {@code <library>}, {@code <jdk>}, add-connector's {@code -D} parameters): exactly one form is
 * given, and a checksum is {@code sha256} or {@code sha512}, not both.
 */
public final class SourceChoice {

  /** How the user names a parameter: a pom element inside {@code where}, or a -D property. */
  public enum Spelling {
    ELEMENT,
    PROPERTY;

    String of(String parameter) {
      return this == ELEMENT ? "<" + parameter + ">" : "-D" + parameter;
    }

    String at(String where, String parameter) {
      return this == ELEMENT ? where + of(parameter) : of(parameter);
    }
  }

  private SourceChoice() {}

  /**
   * Refuses a declaration with {@code given} forms other than one.
   *
   * @param alternatives the forms as the user writes them, e.g. {@code <artifact>
   *     (groupId:artifactId:version), <url> (with <sha256> or <sha512>) or <file>}
   */
  public static void requireExactlyOne(String where, int given, String alternatives)
      throws ArtifactException {
    if (given != 1) {
      throw new ArtifactException(
          where + ": give exactly one of " + alternatives + "; found " + given);
    }
  }

  /** The checksum given as {@code sha256} or {@code sha512}; null when neither is. */
  public static Checksum checksum(String sha256, String sha512, String where, Spelling spelling)
      throws ArtifactException {
    if (sha256 != null && sha512 != null) {
      throw new ArtifactException(
          where
              + ": give "
              + spelling.of("sha256")
              + " or "
              + spelling.of("sha512")
              + ", not both");
    }
    if (sha256 != null) {
      return Checksum.parse("sha256", sha256.trim(), spelling.at(where, "sha256"));
    }
    if (sha512 != null) {
      return Checksum.parse("sha512", sha512.trim(), spelling.at(where, "sha512"));
    }
    return null;
  }
}
