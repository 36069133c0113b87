package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 and SHA-512 of a file, as an SBOM lists them, without reading a file whose digests
 * are known: the SHA-256 comes from {@link ContentHashes} (by path, size and time), the SHA-512
 * from a directory of entries keyed by the content's SHA-256 (one sealed entry each, see {@link
 * CacheFiles}), so the same content anywhere, in any build, is hashed once. A file whose digests
 * are not both known is read once, for both; and a {@link ContentHashes} that reads with {@link
 * #reading} computes a jar's SHA-512 when it first reads the jar for its SHA-256 (a build's
 * fingerprint does, well before its SBOM asks), so that a changed jar is read once per build. That
 * SHA-512 is computed on a thread of its own from the chunks the SHA-256 was computed from: the
 * fingerprint waits for the SHA-256 only, and a build found up to date never waits for the SHA-512
 * it does not need.
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
   * How {@code sha256s} (a {@link ContentHashes}) reads a file whose SHA-256 it does not know: a
   * file an SBOM lists digests of (a jar, or a zip a connector comes as) is read once for both, its
   * SHA-512 kept in {@code sha512s} for {@link #of}; any other (a JDK's archive, a connector's
   * README) for its SHA-256 alone, since nothing asks for more.
   */
  public static ContentHashes.Reading reading(Path sha512s) {
    return file ->
        listedBySbom(file) ? readKeepingSha512(file, sha512s) : Checksum.sha256Of(file).hex();
  }

  /**
   * The SHA-512s being computed, by the entry each will be kept in: {@link #kept} waits for one
   * rather than read its file again. Static, as the thread is: a reading is made before the
   * instance that asks ({@link ContentHashes} takes its reading before this class takes it).
   */
  private static final Map<Path, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();

  /** One daemon thread for SHA-512s, in the order they were started; it ends when idle. */
  private static final ThreadPoolExecutor SHA512_THREAD =
      new ThreadPoolExecutor(
          1,
          1,
          1,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, "cp-image-sha512");
            thread.setDaemon(true);
            return thread;
          });

  static {
    SHA512_THREAD.allowCoreThreadTimeOut(true);
  }

  private static final int CHUNK = 1 << 20;

  /** At most this many chunks read and not yet digested for their SHA-512: 16 MB of memory. */
  private static final int CHUNKS_AHEAD = 16;

  /**
   * Reads {@code file} once and returns its SHA-256; its SHA-512, from the same chunks, is computed
   * on {@link #SHA512_THREAD} and kept in {@code sha512s} under that SHA-256.
   */
  private static String readKeepingSha512(Path file, Path sha512s) throws IOException {
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha512 = digest("SHA-512");
    Semaphore room = new Semaphore(CHUNKS_AHEAD);
    CompletableFuture<Void> digested = CompletableFuture.completedFuture(null);
    try (InputStream in = Files.newInputStream(file)) {
      for (byte[] chunk = in.readNBytes(CHUNK); chunk.length > 0; chunk = in.readNBytes(CHUNK)) {
        sha256.update(chunk);
        room.acquire();
        byte[] read = chunk;
        digested =
            digested.thenRunAsync(
                () -> {
                  sha512.update(read);
                  room.release();
                },
                SHA512_THREAD);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + file);
    }
    String hex = HexFormat.of().formatHex(sha256.digest());
    Path entry = sha512s.resolve(hex);
    CompletableFuture<String> kept =
        digested.thenApplyAsync(
            done -> {
              String sha512Hex = HexFormat.of().formatHex(sha512.digest());
              try {
                CacheFiles.write(entry, sha512Hex.getBytes(StandardCharsets.US_ASCII));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return sha512Hex;
            },
            SHA512_THREAD);
    PENDING.put(entry, kept);
    kept.whenComplete((sha512Hex, failure) -> PENDING.remove(entry, kept));
    return hex;
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
    CacheFiles.write(
        sha512s.resolve(read.sha256()), read.sha512().getBytes(StandardCharsets.US_ASCII));
    return read;
  }

  /**
   * The SHA-512 kept for the content {@code sha256} (waited for while it is being computed); empty
   * when absent or damaged.
   */
  private Optional<String> kept(String sha256) throws IOException {
    Path entry = sha512s.resolve(sha256);
    CompletableFuture<String> pending = PENDING.get(entry);
    if (pending != null) {
      try {
        return Optional.of(pending.get());
      } catch (ExecutionException e) {
        // Computed but not kept (the entry could not be written): the file is read again.
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a SHA-512");
      }
    }
    return CacheFiles.read(entry)
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
