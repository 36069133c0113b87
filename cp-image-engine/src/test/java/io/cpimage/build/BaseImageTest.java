package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseImageTest {
  @TempDir Path temp;

  private static final String CONFIG =
      "{\"config\":{\"User\":\"appuser\",\"Env\":[\"PATH=/usr/bin:/bin\",\"JAVA_HOME=/usr/lib/jvm/zulu\"]}}";

  /** Writes {@code files} (name to content) as a tar, gzipped or not: a docker-save tar for one. */
  static Path imageTar(Path tar, boolean gzip, Map<String, byte[]> files) throws IOException {
    try (OutputStream out =
            gzip ? new GZIPOutputStream(Files.newOutputStream(tar)) : Files.newOutputStream(tar);
        TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        archive.putArchiveEntry(entry);
        archive.write(file.getValue());
        archive.closeArchiveEntry();
      }
    }
    return tar;
  }

  /**
   * A base as a build finds a {@code docker://} base its cache knows ({@link BaseImage#cached}):
   * from {@code config} (the image's config JSON, whose SHA-256 is its ID) and {@code filesystem},
   * kept first in a cache under {@code downloadCache}; no tar.
   */
  static BaseImage cachedBase(
      ImageLocation location, String config, BaseFilesystem filesystem, Path downloadCache)
      throws IOException {
    byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
    String imageId = "sha256:" + ContentHashes.ofBytes(bytes);
    BaseImageCache cache = BaseImageCache.in(downloadCache);
    cache.keepConfig(imageId, bytes);
    cache.keep(imageId, filesystem);
    return BaseImage.cached(location, imageId, cache).orElseThrow();
  }

  private Map<String, byte[]> dockerSave() throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "layer.tar",
        BaseFilesystemTest.layer(
            false, new Object[] {"etc/", 0, 0, 0755}, new Object[] {"etc/passwd", 0, 0, 0644}));
    files.put("config.json", CONFIG.getBytes(StandardCharsets.UTF_8));
    files.put(
        "manifest.json",
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"b:1\"],\"Layers\":[\"layer.tar\"]}]"
            .getBytes(StandardCharsets.UTF_8));
    return files;
  }

  @Test
  void readsEnvUserAndFilesOfAGzippedDockerSaveTar() throws Exception {
    Path tar = imageTar(temp.resolve("base.tar.gz"), true, dockerSave());
    ImageLocation location = ImageLocation.parse("tar://" + tar, "<from><image>", temp);
    BaseImage base =
        BaseImage.read(
            location, tar, temp.resolve("work"), "<from><image>", BaseImageCache.in(temp));
    assertEquals(
        Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "/usr/lib/jvm/zulu"), base.environment());
    assertEquals("appuser", base.user());
    assertTrue(base.imageId().startsWith("sha256:"));
    assertTrue(base.filesystem().lookup("/etc/passwd").isPresent());
    // jib reads only plain tars: the plugin gunzipped it into the work directory.
    assertEquals(temp.resolve("work/base-image.unpacked.tar"), base.tar());
  }

  private BaseImage readLogged(Path tar, List<String> log) throws Exception {
    ImageLocation location = ImageLocation.parse("tar://" + tar, "<from><image>", temp);
    return BaseImage.read(
        location,
        tar,
        temp.resolve("work"),
        "<from><image>",
        BaseImageCache.in(temp.resolve("cache")),
        event -> log.add(event.getMessage()));
  }

  /**
   * A gzipped base is unpacked once: the next build on the same file reuses the plain copy (not
   * written again) and says so. Another content under the same name is unpacked again and gives its
   * own image ID; so is the same file again once the copy is gone.
   */
  @Test
  void aGzippedBaseIsUnpackedOnceWhileItIsTheSameFile() throws Exception {
    Path tar = imageTar(temp.resolve("base.tar.gz"), true, dockerSave());
    // Old enough for its hash to be kept with its size and time (a racy file is hashed again).
    Files.setLastModifiedTime(tar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    String unpacking = "Unpacking base image tar://" + tar + " (gzipped)";
    String reused = "Base image tar://" + tar + ": unpacked by an earlier build";
    List<String> log = new ArrayList<>();
    BaseImage first = readLogged(tar, log);
    assertEquals(List.of(unpacking), log);
    Path copy = temp.resolve("work/base-image.unpacked.tar");
    assertEquals(copy, first.tar());

    FileTime unpacked = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
    Files.setLastModifiedTime(copy, unpacked);
    log.clear();
    BaseImage second = readLogged(tar, log);
    assertEquals(List.of(reused), log);
    assertEquals(copy, second.tar());
    assertEquals(unpacked, Files.getLastModifiedTime(copy));
    assertEquals(first.imageId(), second.imageId());

    Map<String, byte[]> changed = dockerSave();
    changed.put(
        "config.json", CONFIG.replace("appuser", "kafkauser").getBytes(StandardCharsets.UTF_8));
    imageTar(tar, true, changed);
    log.clear();
    BaseImage third = readLogged(tar, log);
    assertEquals(List.of(unpacking), log);
    assertEquals("kafkauser", third.user());
    assertNotEquals(first.imageId(), third.imageId());
    try (ImageTar plain = ImageTar.open(copy)) {
      assertEquals(third.imageId(), plain.imageId());
    }

    Files.delete(copy);
    log.clear();
    assertEquals(third.imageId(), readLogged(tar, log).imageId());
    assertEquals(List.of(unpacking), log);
    // Nothing half-written is left beside the copy.
    try (var left = Files.list(temp.resolve("work"))) {
      assertEquals(
          List.of("base-image.unpacked.source", "base-image.unpacked.tar"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /**
   * A .tar.gz that ends too soon fails the build naming it, and leaves neither half a copy nor a
   * record: the copy of the file it replaced is not taken for it by the next build.
   */
  @Test
  void aTruncatedGzippedBaseFailsAndLeavesNoRecordNorHalfACopy() throws Exception {
    Path tar = imageTar(temp.resolve("base.tar.gz"), true, dockerSave());
    readLogged(tar, new ArrayList<>());
    byte[] whole = Files.readAllBytes(tar);
    Files.write(tar, Arrays.copyOf(whole, whole.length / 2));

    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> readLogged(tar, new ArrayList<>()));
    assertEquals(
        "<from><image> 'tar://"
            + tar
            + "': cannot read "
            + tar
            + " as a docker-save tar (Unexpected end of ZLIB input stream); check the file or"
            + " write it again with `docker save`",
        e.getMessage());
    try (var left = Files.list(temp.resolve("work"))) {
      assertEquals(
          List.of("base-image.unpacked.tar"),
          left.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  /**
   * A copy without the record of what it was unpacked from (a build stopped between renaming the
   * copy into place and writing the record) is never taken for the file: it is unpacked again.
   */
  @Test
  void aCopyWithoutItsRecordIsUnpackedAgain() throws Exception {
    Path tar = imageTar(temp.resolve("base.tar.gz"), true, dockerSave());
    List<String> log = new ArrayList<>();
    BaseImage first = readLogged(tar, log);
    Files.delete(temp.resolve("work/base-image.unpacked.source"));
    Files.write(first.tar(), new byte[] {1, 2, 3});
    log.clear();
    BaseImage again = readLogged(tar, log);
    assertEquals(List.of("Unpacking base image tar://" + tar + " (gzipped)"), log);
    assertEquals(first.imageId(), again.imageId());
  }

  private BaseImage read(Path tar, BaseImageCache cache) throws Exception {
    ImageLocation location = ImageLocation.parse("tar://" + tar, "<from><image>", temp);
    return BaseImage.read(location, tar, temp.resolve("work"), "<from><image>", cache);
  }

  /**
   * A base whose image ID was read before is not read again: a tar with the same config (so the
   * same ID) but another layer still shows the first one's files, which only the cache can give. A
   * damaged entry is ignored and the layers are read again; another cache reads them too.
   */
  @Test
  void aBaseWhoseImageIdIsUnchangedIsNotReadAgainAndADamagedEntryIsIgnored() throws Exception {
    BaseImageCache cache = BaseImageCache.in(temp.resolve("cache"));
    Map<String, byte[]> files = dockerSave();
    BaseImage first = read(imageTar(temp.resolve("first.tar"), false, files), cache);
    assertEquals("content of etc/passwd", first.filesystem().text("/etc/passwd").orElseThrow());

    files.put(
        "layer.tar",
        BaseFilesystemTest.layer(
            false, new Object[] {"etc/", 0, 0, 0755}, new Object[] {"etc/group", 0, 0, 0644}));
    Path sameId = imageTar(temp.resolve("same-id.tar"), false, files);
    BaseImage second = read(sameId, cache);
    assertEquals(first.imageId(), second.imageId());
    assertEquals("content of etc/passwd", second.filesystem().text("/etc/passwd").orElseThrow());
    assertFalse(second.filesystem().lookup("/etc/group").isPresent());
    assertEquals(sameId, second.tar());

    List<Path> entries;
    try (var list = Files.list(temp.resolve("cache/base-images"))) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      byte[] damaged = Files.readAllBytes(entry);
      damaged[damaged.length - 1] ^= 1;
      Files.write(entry, damaged);
    }
    assertTrue(BaseImage.cached(first.location(), first.imageId(), cache).isEmpty());
    BaseImage reread = read(sameId, cache);
    assertTrue(reread.filesystem().lookup("/etc/group").isPresent());
    assertFalse(reread.filesystem().lookup("/etc/passwd").isPresent());
    assertTrue(
        read(sameId, BaseImageCache.in(temp.resolve("other-cache")))
            .filesystem()
            .lookup("/etc/group")
            .isPresent());
  }

  /**
   * A base read once is known by its image ID alone (a docker:// base is then not saved): the same
   * environment, user, diff IDs and file tree, without a tar. An unknown ID, or a config entry that
   * is not the config of that ID, gives nothing.
   */
  @Test
  void aBaseReadOnceIsKnownByItsImageIdWithoutItsTar() throws Exception {
    BaseImageCache cache = BaseImageCache.in(temp.resolve("cache"));
    BaseImage read = read(imageTar(temp.resolve("base.tar"), false, dockerSave()), cache);
    ImageLocation daemon = ImageLocation.parse("docker://b:1", "<from><image>", temp);

    BaseImage known = BaseImage.cached(daemon, read.imageId(), cache).orElseThrow();
    assertNull(known.tar());
    assertEquals(daemon, known.location());
    assertEquals(read.environment(), known.environment());
    assertEquals(read.user(), known.user());
    assertEquals(read.diffIds(), known.diffIds());
    assertEquals(read.filesystem().nodes(), known.filesystem().nodes());
    String otherId = "sha256:" + "0".repeat(64);
    assertTrue(BaseImage.cached(daemon, otherId, cache).isEmpty());
    cache.keepConfig(otherId, CONFIG.getBytes(StandardCharsets.UTF_8));
    assertTrue(cache.config(otherId).isEmpty(), "a config whose sha256 is not the ID");
  }

  @Test
  void anOciLayoutTarIsRefusedWithTheWayOut() throws Exception {
    Path tar =
        imageTar(
            temp.resolve("oci.tar"),
            false,
            Map.of(
                "index.json",
                "{}".getBytes(StandardCharsets.UTF_8),
                "oci-layout",
                "{}".getBytes(StandardCharsets.UTF_8)));
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> read(tar, BaseImageCache.in(temp)));
    assertTrue(
        e.getMessage().contains("is not a docker-save tar: it is an OCI image layout"),
        e.getMessage());
  }

  @Test
  void aMalformedManifestIsRefusedNamingTheTar() throws Exception {
    Map<String, byte[]> files = dockerSave();
    files.put("manifest.json", "{\"Config\":\"config.json\"}".getBytes(StandardCharsets.UTF_8));
    Path tar = imageTar(temp.resolve("base.tar"), false, files);
    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> read(tar, BaseImageCache.in(temp)));
    assertEquals(
        "<from><image> 'tar://"
            + tar
            + "': cannot read "
            + tar
            + " as a docker-save tar ("
            + tar
            + ": its manifest.json is not a docker-save manifest: it is not a JSON array of"
            + " images); check the file or write it again with `docker save`",
        e.getMessage());
  }

  @Test
  void userNamesResolveThroughTheBasePasswdFile() throws Exception {
    BaseFilesystem fs =
        BaseFilesystem.of(
            Map.of(),
            Map.of(
                "/etc/passwd",
                "root:x:0:0::/root:/bin/sh\nappuser:x:1000:1000::/home/appuser:/bin/sh\n"));
    BaseImage base = cachedBase(null, "{\"config\":{\"User\":\"appuser\"}}", fs, temp);
    assertEquals(1000, base.uidOf("appuser", "<user>"));
    assertEquals(1234, base.uidOf("1234:0", "<user>"));
    assertEquals(0, base.uidOf("", "<user>"));
    assertEquals(
        "<user> 'nobody': no such user in the base image's /etc/passwd; give a numeric uid",
        assertThrows(ImageBuildException.class, () -> base.uidOf("nobody", "<user>")).getMessage());
  }
}
