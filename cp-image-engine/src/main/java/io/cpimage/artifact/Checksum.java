package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** An expected SHA-256 or SHA-512 digest of a file, as written in the pom (hex, any case). */
public final class Checksum {
  private final Algorithm algorithm;
  private final String hex;

  private Checksum(Algorithm algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
  }

  /**
   * The checksum {@code hex} of kind {@code algorithm} ({@code sha256} or {@code sha512}).
   *
   * @throws IllegalArgumentException for another algorithm, or a value that is not hex of the right
   *     length
   */
  public static Checksum of(String algorithm, String hex) {
    Algorithm kind = Algorithm.named(algorithm);
    String value = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
    if (value.length() != kind.hexLength || !value.chars().allMatch(Checksum::isHexDigit)) {
      throw new IllegalArgumentException(
          String.format(
              "\"%s\" is not a %s value: expected %d hex digits (0-9, a-f), as printed by %ssum",
              hex, kind.displayName, kind.hexLength, algorithm.toLowerCase(Locale.ROOT)));
    }
    return new Checksum(kind, value);
  }

  /** As {@link #of}, with the failure reported against the pom element {@code where}. */
  public static Checksum parse(String algorithm, String hex, String where)
      throws ArtifactException {
    try {
      return of(algorithm, hex);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException(where + ": " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of the file's content. */
  public static Checksum sha256Of(Path file) throws IOException {
    return new Checksum(Algorithm.SHA256, Algorithm.SHA256.digest(file));
  }

  /** The same kind of digest as this one, of {@code file}'s content. */
  public Checksum computeFor(Path file) throws IOException {
    return new Checksum(algorithm, algorithm.digest(file));
  }

  /** {@code sha256} or {@code sha512}, the name of the pom element that carries the value. */
  public String algorithm() {
    return algorithm.elementName;
  }

  /** The digest in lower-case hex. */
  public String hex() {
    return hex;
  }

  /**
   * Checks that {@code file} has this digest.
   *
   * @param where the pom element the file came from, named in the message
   */
  public void verify(Path file, String where) throws ArtifactException {
    Checksum actual;
    try {
      actual = computeFor(file);
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot read " + file + " to check its " + algorithm.displayName + ": " + e, e);
    }
    if (!actual.equals(this)) {
      throw new ArtifactException(mismatch(where, file.toString(), actual));
    }
  }

  /** The message for a file (named by {@code what}) whose digest is {@code actual}, not this. */
  String mismatch(String where, String what, Checksum actual) {
    return String.format(
        "%s: checksum mismatch for %s: expected %s %s but the file has %s. The file is not the one"
            + " the pom expects: check the source, or if you trust this file, set"
            + " <%s>%s</%s>",
        where,
        what,
        algorithm.elementName,
        hex,
        actual.hex,
        algorithm.elementName,
        actual.hex,
        algorithm.elementName);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checksum that && algorithm == that.algorithm && hex.equals(that.hex);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + hex.hashCode();
  }

  @Override
  public String toString() {
    return algorithm.elementName + ":" + hex;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private enum Algorithm {
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    final String elementName;
    final String displayName;
    final int hexLength;

    Algorithm(String elementName, String displayName, int hexLength) {
      this.elementName = elementName;
      this.displayName = displayName;
      this.hexLength = hexLength;
    }

    static Algorithm named(String name) {
      for (Algorithm algorithm : values()) {
        if (algorithm.elementName.equalsIgnoreCase(name == null ? "" : name.strip())) {
          return algorithm;
        }
      }
      throw new IllegalArgumentException(
          "unknown checksum algorithm \"" + name + "\": use sha256 or sha512");
    }

    MessageDigest newDigest() {
      try {
        return MessageDigest.getInstance(displayName);
      } catch (NoSuchAlgorithmException e) {
        // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest's contract).
        throw new IllegalStateException(e);
      }
    }

    String digest(Path file) throws IOException {
      MessageDigest digest = newDigest();
      byte[] buffer = new byte[64 * 1024];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          digest.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
