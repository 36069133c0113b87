package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The SHA-256 and SHA-512 of a file, as an SBOM lists them, without reading a file whose digests
 * are known: the SHA-256 comes from {@link ContentHashes} (by path, size and time), the SHA-512
 * from a directory of entries keyed by the content's SHA-256 (one sealed entry each, see {@link
 * CacheFiles}), so the same content anywhere, in any build, is hashed once. A file whose digests
 * are not both known is read once, for both; and a {@link ContentHashes} that reads with {@link
 * #reading} computes a jar's SHA-512 when it first reads the jar for its SHA-256 (a build's
 * fingerprint does, well before its SBOM asks), so that a changed jar is read once per build.
 */
public final class FileDigests {
  /** A file's hex SHA-256 and SHA-512. */
  public record Digests(String sha256, String sha512) {}

  private final ContentHashes sha256s;
  private final Path sha512s;

  /** SHA-256s from {@code sha256s}, SHA-512s kept in {@code sha512s} (a directory). */
  public FileDigests(ContentHashes sha256s, Path sha512s) {
    this.sha256s = sha256s;
    this.sha512s = sha512s;
  }

  /** The digests of {@code file}'s content. */
  public Digests of(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory: only a file has a SHA-512 here");
    }
    OnePass pass = new OnePass();
    String sha256 = sha256s.of(file, pass);
    if (pass.read != null) {
      return pass.read;
    }
    Optional<String> sha512 = kept(sha256);
    if (sha512.isPresent()) {
      return new Digests(sha256, sha512.get());
    }
    // The SHA-256 known by size and time is not read again; the SHA-512 is kept under the SHA-256
    // of the very content it was computed from, so a file changed unseen cannot mislabel an entry.
    return read(file, sha512s);
  }

  /**
   * Takes {@code digests} as those of {@code file}'s content as it is now, without reading it: for
   * a file its caller has just written from content whose digests it was given.
   */
  public void know(Path file, Digests digests) throws IOException {
    sha256s.know(file, digests.sha256());
    if (!kept(digests.sha256()).equals(Optional.of(digests.sha512()))) {
      keep(digests, sha512s);
    }
  }

  /**
   * How {@code sha256s} (a {@link ContentHashes}) reads a file whose SHA-256 it does not know: a
   * file an SBOM lists digests of (a jar, or a zip a connector comes as) is read once for both, its
   * SHA-512 kept in {@code sha512s} for {@link #of}; any other (a JDK's archive, a connector's
   * README) for its SHA-256 alone, since nothing asks for more.
   */
  public static ContentHashes.Reading reading(Path sha512s) {
    return file ->
        listedBySbom(file) ? read(file, sha512s).sha256() : Checksum.sha256Of(file).hex();
  }

  private static boolean listedBySbom(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jar") || name.endsWith(".zip");
  }

  /** Reads {@code file} once for both digests and keeps its SHA-512 in {@code sha512s}. */
  private static Digests read(Path file, Path sha512s) throws IOException {
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha512 = digest("SHA-512");
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha256.update(buffer, 0, n);
        sha512.update(buffer, 0, n);
      }
    }
    HexFormat hex = HexFormat.of();
    Digests read = new Digests(hex.formatHex(sha256.digest()), hex.formatHex(sha512.digest()));
    keep(read, sha512s);
    return read;
  }

  /** Keeps the SHA-512 of {@code digests} in {@code sha512s}, under its SHA-256. */
  private static void keep(Digests digests, Path sha512s) throws IOException {
    CacheFiles.write(
        sha512s.resolve(digests.sha256()), digests.sha512().getBytes(StandardCharsets.US_ASCII));
  }

  /** The SHA-512 kept for the content {@code sha256}; empty when absent or damaged. */
  private Optional<String> kept(String sha256) {
    return CacheFiles.read(sha512s.resolve(sha256))
        .map(payload -> new String(payload, StandardCharsets.US_ASCII))
        .filter(FileDigests::isSha512);
  }

  /** As this class writes it: 128 lower-case hex digits, which the SBOM carries as they are. */
  private static boolean isSha512(String hex) {
    return hex.length() == 128
        && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest's contract).
      throw new IllegalStateException(e);
    }
  }

  /** The read {@link ContentHashes} makes when it does not know the SHA-256: both digests. */
  private final class OnePass implements ContentHashes.Reading {
    private Digests read;

    @Override
    public String sha256(Path file) throws IOException {
      read = read(file, sha512s);
      return read.sha256();
    }
  }
}
