package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's SHA-256 and SHA-512 as the SBOM lists them: the same as computed from its bytes, not
 * read again while known (in a later build too), read once when not.
 */
class FileDigestsTest {
  @TempDir Path temp;

  @Test
  void digestsAreThoseOfTheBytes() throws Exception {
    Path file = Files.writeString(temp.resolve("a.jar"), "connector bytes");

    FileDigests.Digests digests = digests().of(file);

    assertEquals(direct(file, "SHA-256"), digests.sha256());
    assertEquals(direct(file, "SHA-512"), digests.sha512());
  }

  /**
   * A later build (new instances over the same directories) gives the digests it kept without
   * reading the file: its content changed, but its size and time are what they were, so the old
   * digests come back.
   */
  @Test
  void aKnownFileIsNotReadAgain() throws Exception {
    Path file = Files.writeString(temp.resolve("a.jar"), "version 1");
    FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(file, earlier);
    FileDigests.Digests first = digests().of(file);

    Files.writeString(file, "version 2");
    Files.setLastModifiedTime(file, earlier);

    assertEquals(first, digests().of(file));
  }

  /**
   * A file whose SHA-256 is known (the pipeline hashed it when fetching) takes the SHA-512 kept for
   * its content, whichever path that content was first read at.
   */
  @Test
  void theSha512IsKeptByContent() throws Exception {
    Path file = Files.writeString(temp.resolve("a.jar"), "same content");
    FileDigests.Digests first = digests().of(file);
    Path entry = temp.resolve("sha512s").resolve(first.sha256());
    assertEquals(first.sha512(), new String(CacheFiles.read(entry).orElseThrow()));
    // A stand-in value, to see that it is the kept entry that answers.
    CacheFiles.write(entry, "ab".repeat(64).getBytes(StandardCharsets.US_ASCII));
    Path copy = Files.writeString(temp.resolve("b.jar"), "same content");
    ContentHashes hashes = new ContentHashes(temp.resolve("file-hashes"));
    hashes.of(copy);

    FileDigests.Digests digests = new FileDigests(hashes, temp.resolve("sha512s")).of(copy);

    assertEquals(new FileDigests.Digests(first.sha256(), "ab".repeat(64)), digests);
  }

  /**
   * A file whose digests are not known is read once for both. A named pipe shows it: its writer
   * offers the content, then an empty second read, which a second read of the code would digest.
   */
  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anUnknownFileIsReadOnce() throws Exception {
    Path pipe = temp.resolve("pipe.jar");
    assumeTrue(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0);
    byte[] content = "read me once".getBytes(StandardCharsets.UTF_8);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try {
                Files.write(pipe, content);
                Files.write(pipe, new byte[0]);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    FileDigests.Digests digests = digests().of(pipe);

    if (!writer.isDone()) {
      // The empty second offer nobody took: taken here, so that the writer ends.
      Files.readAllBytes(pipe);
    }
    writer.get();
    assertEquals(direct(content, "SHA-256"), digests.sha256());
    assertEquals(direct(content, "SHA-512"), digests.sha512());
  }

  /**
   * A jar that a build's {@link ContentHashes} reads for its SHA-256 (as the fingerprint does) gets
   * its SHA-512 in the same pass: the SBOM's digests then come without reading it again, as its
   * content changed unseen (same size and time) shows. A file no SBOM lists gets none.
   */
  @Test
  void aJarHashedForItsSha256IsNotReadAgainForTheSbom() throws Exception {
    Path jar = Files.writeString(temp.resolve("a.jar"), "version 1");
    Path readme = Files.writeString(temp.resolve("README.txt"), "not listed");
    FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(jar, earlier);
    ContentHashes hashes =
        new ContentHashes(
            temp.resolve("file-hashes"), FileDigests.reading(temp.resolve("sha512s")));
    String sha256 = hashes.of(jar);
    String readmeSha256 = hashes.of(readme);
    FileDigests.Digests first =
        new FileDigests(new ContentHashes(), temp.resolve("scratch")).of(jar);

    Files.writeString(jar, "version 2");
    Files.setLastModifiedTime(jar, earlier);

    assertEquals(first, new FileDigests(hashes, temp.resolve("sha512s")).of(jar));
    assertEquals(first.sha256(), sha256);
    assertEquals(direct(readme, "SHA-256"), readmeSha256);
    assertTrue(CacheFiles.read(temp.resolve("sha512s").resolve(readmeSha256)).isEmpty());
  }

  /** A damaged or foreign entry reads as absent: the file is read and the entry written again. */
  @Test
  void aDamagedEntryReadsAsAbsent() throws Exception {
    Path file = Files.writeString(temp.resolve("a.jar"), "connector bytes");
    String sha256 = direct(file, "SHA-256");
    Path entry = temp.resolve("sha512s").resolve(sha256);
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    digests().of(file);
    byte[] sealed = Files.readAllBytes(entry);
    sealed[sealed.length - 1] ^= 1;
    Files.write(entry, sealed);

    assertEquals(direct(file, "SHA-512"), digests().of(file).sha512());
    assertEquals(direct(file, "SHA-512"), new String(CacheFiles.read(entry).orElseThrow()));

    // Sealed, but not a SHA-512 as this class writes one.
    CacheFiles.write(entry, "not a digest".getBytes(StandardCharsets.US_ASCII));
    assertEquals(direct(file, "SHA-512"), digests().of(file).sha512());
  }

  /**
   * With the SHA-256 known by size and time but no SHA-512 kept, the file is read for both, and the
   * entry is keyed by what was read: a file changed unseen cannot give another content's SHA-256 a
   * wrong SHA-512.
   */
  @Test
  void aMissingSha512IsKeptUnderTheContentRead() throws Exception {
    Path file = Files.writeString(temp.resolve("a.jar"), "version 1");
    FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    Files.setLastModifiedTime(file, earlier);
    String known = new ContentHashes(temp.resolve("file-hashes")).of(file);
    Files.writeString(file, "version 2");
    Files.setLastModifiedTime(file, earlier);

    FileDigests.Digests digests = digests().of(file);

    assertEquals(direct(file, "SHA-256"), digests.sha256());
    assertEquals(direct(file, "SHA-512"), digests.sha512());
    assertNotEquals(known, digests.sha256());
    assertTrue(CacheFiles.read(temp.resolve("sha512s").resolve(known)).isEmpty());
  }

  /** A directory has no SHA-512 here: refused, not given one of its files' digests. */
  @Test
  void aDirectoryIsRefused() throws Exception {
    Files.writeString(Files.createDirectories(temp.resolve("tree")).resolve("a.jar"), "bytes");

    IOException refused = assertThrows(IOException.class, () -> digests().of(temp.resolve("tree")));

    assertTrue(refused.getMessage().contains("is a directory"), refused.getMessage());
  }

  /** A new build's instances over the test's cache directories. */
  private FileDigests digests() {
    return new FileDigests(new ContentHashes(temp.resolve("file-hashes")), temp.resolve("sha512s"));
  }

  private static String direct(Path file, String algorithm) throws Exception {
    return direct(Files.readAllBytes(file), algorithm);
  }

  private static String direct(byte[] content, String algorithm) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
  }
}
