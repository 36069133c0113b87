package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** STUB for the parallel artifact branch; the lead replaces it with the real class. */
public final class Checksum {
  private final String algorithm;
  private final String hex;

  private Checksum(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex.toLowerCase(Locale.ROOT);
  }

  public static Checksum of(String algorithm, String hex) {
    return new Checksum(algorithm, hex);
  }

  public String algorithm() {
    return algorithm;
  }

  public String hex() {
    return hex;
  }

  public void verify(Path file, String where) throws ArtifactException {
    try {
      String actual = digest(file, algorithm);
      if (!actual.equals(hex)) {
        throw new ArtifactException(
            where + ": " + algorithm + " mismatch for " + file + ": expected " + hex + ", got " + actual);
      }
    } catch (IOException e) {
      throw new ArtifactException(where + ": cannot read " + file, e);
    }
  }

  public static Checksum sha256Of(Path file) throws IOException {
    return new Checksum("sha256", digest(file, "sha256"));
  }

  private static String digest(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
