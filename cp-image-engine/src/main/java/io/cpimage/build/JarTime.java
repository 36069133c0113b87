package io.cpimage.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The modification time a jar gets in an image: one its content gives, where jib gives every other
 * file the same time. The JVM checks the jars of a start-up cache (an AOT cache on JDK 25, an
 * AppCDS archive on JDK 17) by size and time only, and so does the images' launch before it uses
 * one; a jar replaced at the same path by another of the same size would, with one time for all,
 * keep running the cache's old classes without a word. With this time it changes too.
 *
 * <p>The time is 1 second after the epoch plus the first 30 bits of the jar's SHA-256 as seconds
 * (1970 to 2004): two different jars of the same size share it with a chance of one in 2^30. The
 * same jar has the same time in every build, so images stay reproducible.
 *
 * <p>This file uses the JDK alone: the base images' training, which must place the jars with the
 * times the image will give them, runs it as a program, {@code java JarTime.java JAR...}, which
 * prints each jar's time as {@code @<seconds>}, as {@code touch -d} takes it.
 */
public final class JarTime {
  private static final long FIRST = 1;
  private static final int BITS = 30;

  private JarTime() {}

  /** Whether a file at {@code imagePath} gets its time from its content: a jar. */
  static boolean appliesTo(String imagePath) {
    return imagePath.toLowerCase(Locale.ROOT).endsWith(".jar");
  }

  /** The time of a jar whose SHA-256 is {@code sha256Hex}. */
  static Instant ofSha256(String sha256Hex) {
    long leading = Long.parseLong(sha256Hex.substring(0, 8), 16);
    return Instant.ofEpochSecond(FIRST + (leading >>> (32 - BITS)));
  }

  /** Prints {@code @<seconds>} for each jar named, in order. */
  public static void main(String[] jars) throws IOException, NoSuchAlgorithmException {
    for (String jar : jars) {
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(jar)));
      String hex = HexFormat.of().formatHex(sha256);
      System.out.println("@" + ofSha256(hex).getEpochSecond());
    }
  }
}
