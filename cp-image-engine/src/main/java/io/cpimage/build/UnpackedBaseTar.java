package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The plain copy of a gzipped docker-save tar ({@code tar://base.tar.gz}), which jib and the layer
 * reader need, kept in the work directory and reused while the {@code .tar.gz} has the same
 * content: a 700 MB base is unpacked once, not on every build. Beside the copy, a record holds the
 * sha256 of the gzipped bytes it was unpacked from; the next build compares it with the file's
 * sha256 as {@link ContentHashes} knows it (by size and nanosecond time, not read again while they
 * are unchanged). The record is deleted before the copy is replaced and renamed into place only
 * after it, so a build stopped at any moment never leaves a copy taken for another {@code .tar.gz}.
 * The names are this class's alone: a {@code docker://} base's tar in the same directory never
 * passes for the copy.
 */
final class UnpackedBaseTar {
  private static final String COPY = "base-image.unpacked.tar";
  private static final String RECORD = "base-image.unpacked.source";

  private UnpackedBaseTar() {}

  /**
   * The plain copy of {@code gzipped} (the base {@code location}) in {@code workDirectory}: the one
   * an earlier build unpacked when its source had the same sha256, else unpacked now.
   */
  static Path of(
      Path gzipped,
      Path workDirectory,
      ContentHashes hashes,
      ImageLocation location,
      Consumer<LogEvent> log)
      throws IOException {
    Path copy = workDirectory.resolve(COPY);
    Path record = workDirectory.resolve(RECORD);
    Optional<String> unpackedFrom =
        CacheFiles.read(record).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    if (unpackedFrom.isPresent()
        && Files.isRegularFile(copy)
        && unpackedFrom.get().equals(hashes.of(gzipped))) {
      log.accept(LogEvent.lifecycle("Base image " + location + ": unpacked by an earlier build"));
      return copy;
    }
    Files.createDirectories(workDirectory);
    Files.deleteIfExists(record);
    log.accept(LogEvent.lifecycle("Unpacking base image " + location + " (gzipped)"));
    Path partial = workDirectory.resolve(COPY + ".partial");
    try {
      String source = unpack(gzipped, partial);
      Files.move(
          partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      CacheFiles.write(record, source.getBytes(StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(partial);
    }
    return copy;
  }

  /**
   * Gunzips {@code gzipped} into {@code plain}; returns the sha256 of the gzipped bytes read, all
   * of them: the record names what was unpacked, even if the file changed since it was hashed.
   */
  private static String unpack(Path gzipped, Path plain) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's contract).
      throw new IllegalStateException(e);
    }
    try (DigestInputStream read = new DigestInputStream(Files.newInputStream(gzipped), sha256);
        InputStream in = new GZIPInputStream(read, 65536);
        OutputStream out = Files.newOutputStream(plain)) {
      in.transferTo(out);
      // GZIPInputStream stops at bytes after the last member that are not gzip; they are hashed
      // too, so the sha256 is the whole file's, as ContentHashes gives it.
      read.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
