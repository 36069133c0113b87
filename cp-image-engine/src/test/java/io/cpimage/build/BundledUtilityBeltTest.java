package io.cpimage.build;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.artifact.FileDigests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The belt this engine carries: extracted once per belt and machine, its digests known without
 * reading it, and known in a base that holds it.
 */
class BundledUtilityBeltTest {
  /** The resources the belt's files come from: one launcher, installed as dub, cub and ub. */
  private static final List<String> NAMES =
      List.of("launcher", BundledUtilityBelt.JAR, BundledUtilityBelt.CHECKS_JAR);

  /** The files in an image, by path, with the resource each holds. */
  private static final Map<String, String> IMAGE_FILES =
      Map.of(
          "usr/local/bin/dub",
          "launcher",
          "usr/local/bin/cub",
          "launcher",
          "usr/local/bin/ub",
          "launcher",
          "usr/share/java/cp-image-utility-belt/" + BundledUtilityBelt.JAR,
          BundledUtilityBelt.JAR,
          "usr/share/java/cp-image-utility-belt/" + BundledUtilityBelt.CHECKS_JAR,
          BundledUtilityBelt.CHECKS_JAR);

  @TempDir Path temp;

  @Test
  void aLaterBuildOfTheSameEngineUsesTheFilesAsTheyAre() throws Exception {
    Path cache = temp.resolve("cache");
    BundledUtilityBelt first = extract(cache);
    Path entry = first.jar().getParent();
    assertTrue(entry.startsWith(cache.resolve("utility-belt")), entry.toString());
    Map<String, FileTime> times = new LinkedHashMap<>();
    for (String name : NAMES) {
      assertArrayEquals(resource(name), Files.readAllBytes(entry.resolve(name)), name);
      times.put(name, Files.getLastModifiedTime(entry.resolve(name)));
    }
    // Rewritten files would have new times: the digests kept by size and time would be lost, and
    // jib's layer cache, which knows a source file by its time, missed.
    Thread.sleep(20);
    assertEquals(first.jar(), extract(cache).jar(), "another project's build with the same belt");
    for (String name : NAMES) {
      assertEquals(times.get(name), Files.getLastModifiedTime(entry.resolve(name)), name);
    }

    // A file changed since (by hand, or half-written before a crash) is extracted again.
    Files.writeString(entry.resolve("launcher"), "# changed\n", StandardOpenOption.APPEND);
    assertEquals(entry.resolve(BundledUtilityBelt.JAR), extract(cache).jar());
    assertArrayEquals(resource("launcher"), Files.readAllBytes(entry.resolve("launcher")));
    Files.delete(entry.resolve(BundledUtilityBelt.CHECKS_JAR));
    extract(cache);
    assertArrayEquals(
        resource(BundledUtilityBelt.CHECKS_JAR),
        Files.readAllBytes(entry.resolve(BundledUtilityBelt.CHECKS_JAR)));
  }

  @Test
  void buildsThatExtractAtTheSameMomentShareOneEntry() throws Exception {
    Path cache = temp.resolve("cache");
    ExecutorService builds = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<BundledUtilityBelt>> belts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        belts.add(
            builds.submit(
                () -> {
                  start.await();
                  return extract(cache);
                }));
      }
      start.countDown();
      Path entry = belts.get(0).get().jar().getParent();
      for (Future<BundledUtilityBelt> belt : belts) {
        assertEquals(entry, belt.get().jar().getParent());
      }
      for (String name : NAMES) {
        assertArrayEquals(resource(name), Files.readAllBytes(entry.resolve(name)), name);
      }
      try (Stream<Path> entries = Files.list(cache.resolve("utility-belt"))) {
        assertEquals(List.of(entry), entries.toList(), "no half-filled entry is left beside it");
      }
    } finally {
      builds.shutdownNow();
    }
  }

  private BundledUtilityBelt extract(Path cache) throws Exception {
    return BundledUtilityBelt.extract(
        cache, new FileDigests(new ContentHashes(), temp.resolve("sha512s")));
  }

  @Test
  void theBeltsDigestsComeWithItAndNoBuildReadsItsFilesForThem() throws Exception {
    ContentHashes hashes = new ContentHashes(temp.resolve("file-hashes"));
    Path sha512s = temp.resolve("sha512s");
    BundledUtilityBelt belt =
        BundledUtilityBelt.extract(temp.resolve("cache"), new FileDigests(hashes, sha512s));
    ContentHashes.Reading noRead =
        file -> {
          throw new AssertionError("read " + file + " for its SHA-256");
        };
    HexFormat hex = HexFormat.of();
    for (String name : NAMES) {
      byte[] content = resource(name);
      String sha256 = hex.formatHex(MessageDigest.getInstance("SHA-256").digest(content));
      String sha512 = hex.formatHex(MessageDigest.getInstance("SHA-512").digest(content));
      // The engine's build wrote them; what the build takes for the files' must be theirs.
      assertEquals(sha256, new String(resource(name + ".sha256"), US_ASCII).strip(), name);
      assertEquals(sha512, new String(resource(name + ".sha512"), US_ASCII).strip(), name);

      Path extracted = belt.jar().resolveSibling(name);
      assertEquals(sha256, hashes.of(extracted, noRead), name);
      assertEquals(
          Optional.of(sha512),
          CacheFiles.read(sha512s.resolve(sha256)).map(bytes -> new String(bytes, US_ASCII)),
          name + "'s SHA-512, as the SBOM takes it");
    }
  }

  @Test
  void aBaseHoldsTheBeltOnlyWithEveryFileRootsWithItsModeAndContent() throws Exception {
    BundledUtilityBelt belt = extract(temp.resolve("cache"));

    assertTrue(belt.heldBy(base(Map.of())));
    assertFalse(belt.heldBy(BaseFilesystem.empty()), "a base without it");
    assertFalse(belt.heldBy(base(Map.of("ub", new Object[] {0, 0, 0644}))), "ub not executable");
    assertFalse(
        belt.heldBy(base(Map.of("dub", new Object[] {1000, 0, 0755}))), "dub owned by appuser");
    assertFalse(
        belt.heldBy(base(Map.of(BundledUtilityBelt.JAR, new Object[] {0, 0, 0644, "another jar"}))),
        "another jar of the belt's");
    assertNotEquals(
        base(Map.of()).sha256("/usr/local/bin/cub"),
        base(Map.of("cub", new Object[] {0, 0, 0755, "#!/bin/sh\n"})).sha256("/usr/local/bin/cub"));
  }

  /**
   * A base whose one layer holds the belt's files as this engine's belt installs them, but for the
   * files {@code changed} names: owner, group, mode and, given, another content.
   */
  private BaseFilesystem base(Map<String, Object[]> changed) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (String directory :
          List.of("usr/", "usr/local/", "usr/local/bin/", "usr/share/", "usr/share/java/")) {
        put(tar, directory, 0, 0, 040755, new byte[0]);
      }
      put(tar, "usr/share/java/cp-image-utility-belt/", 0, 0, 040755, new byte[0]);
      for (Map.Entry<String, String> file : new TreeMap<>(IMAGE_FILES).entrySet()) {
        String name = file.getKey().substring(file.getKey().lastIndexOf('/') + 1);
        Object[] what =
            changed.getOrDefault(name, new Object[] {0, 0, name.endsWith(".jar") ? 0644 : 0755});
        byte[] content =
            what.length > 3
                ? ((String) what[3]).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : resource(file.getValue());
        put(
            tar,
            file.getKey(),
            (Integer) what[0],
            (Integer) what[1],
            0100000 | (Integer) what[2],
            content);
      }
    }
    BaseFilesystem base = BaseFilesystem.empty();
    base.applyLayer(new ByteArrayInputStream(bytes.toByteArray()));
    return base;
  }

  private static void put(
      TarArchiveOutputStream tar, String name, int uid, int gid, int mode, byte[] content)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setIds(uid, gid);
    entry.setMode(mode);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BundledUtilityBelt.class.getResourceAsStream("utility-belt/" + name)) {
      return in.readAllBytes();
    }
  }
}
