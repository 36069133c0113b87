package io.cpimage.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How the user-wide caches (base images read, connectors unpacked and scanned) write and read their
 * entries, so that builds sharing them at the same moment never see half an entry: an entry is
 * written under a temporary name in its final directory and renamed into place in one step; a file
 * entry carries the SHA-256 of its payload, so a damaged one reads as absent and is written again.
 */
public final class CacheFiles {
  private static final String SEAL = "cp-image-cache sha256:";

  private CacheFiles() {}

  /** Writes {@code payload}, sealed, to {@code file}: all of it or, for readers, nothing. */
  public static void write(Path file, byte[] payload) throws IOException {
    Path directory = Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = Files.createTempFile(directory, ".tmp-" + file.getFileName(), "");
    try {
      byte[] header =
          (SEAL + ContentHashes.ofBytes(payload) + "\n").getBytes(StandardCharsets.US_ASCII);
      byte[] sealed = Arrays.copyOf(header, header.length + payload.length);
      System.arraycopy(payload, 0, sealed, header.length, payload.length);
      Files.write(temporary, sealed);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** The payload of a sealed {@code file}; empty when there is none or it is damaged. */
  public static Optional<byte[]> read(Path file) {
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    int newline = indexOf(sealed, (byte) '\n');
    if (newline < 0) {
      return Optional.empty();
    }
    String header = new String(sealed, 0, newline, StandardCharsets.US_ASCII);
    byte[] payload = Arrays.copyOfRange(sealed, newline + 1, sealed.length);
    return header.equals(SEAL + ContentHashes.ofBytes(payload))
        ? Optional.of(payload)
        : Optional.empty();
  }

  /** A new empty directory beside {@code entry}, to fill and then {@link #publish}. */
  public static Path temporaryDirectory(Path entry) throws IOException {
    Path parent = Files.createDirectories(entry.toAbsolutePath().getParent());
    return Files.createTempDirectory(parent, ".tmp-" + entry.getFileName());
  }

  /**
   * Renames the filled {@code temporary} directory to {@code entry} in one step. Returns false (and
   * deletes {@code temporary}) when another build published the entry first.
   */
  public static boolean publish(Path temporary, Path entry) throws IOException {
    try {
      Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (FileSystemException e) {
      // rename(2) onto a directory another build published: Java reports it as "Directory not
      // empty", a plain FileSystemException.
      Directories.deleteRecursively(temporary);
      if (Files.isDirectory(entry)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Takes a damaged {@code entry} out of the way (renamed first, so no reader meets it half
   * deleted) and deletes it; another build may have done so already.
   */
  public static void discard(Path entry) throws IOException {
    Path parent = entry.toAbsolutePath().getParent();
    Path aside = parent.resolve(".discarded-" + entry.getFileName() + "-" + System.nanoTime());
    try {
      Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      return;
    }
    Directories.deleteRecursively(aside);
  }

  /** The lines of a text payload. */
  public static List<String> lines(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8).lines().toList();
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
