package io.cpimage.build;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.connector.ConnectorPipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What reading a base image's layers gave ({@link BaseFilesystem}: the index and the captured
 * files), and its config (environment, user, the layers' diff IDs), kept in the user's cache beside
 * the downloads by the base's image ID, so a base whose ID is unchanged is never read again,
 * whichever project builds on it: a {@code docker://} base is then not even saved. The key also
 * holds the bytecode of {@link BaseFilesystem}: code that indexes or captures more of a base never
 * reads an entry that older code wrote. Entries are written whole or not at all ({@link
 * CacheFiles}); a damaged one reads as absent and the base is read again.
 */
final class BaseImageCache {
  private static final String FORMAT = "cp-image base filesystem 2";
  private static final String CONFIG_FORMAT = "cp-image base config 1";

  private final Path directory;
  private final Path fileHashes;

  private BaseImageCache(Path directory, Path fileHashes) {
    this.directory = directory;
    this.fileHashes = fileHashes;
  }

  /** The cache under {@code downloadCache}, the user's cache of downloads. */
  static BaseImageCache in(Path downloadCache) {
    return new BaseImageCache(
        downloadCache.resolve("base-images"), ConnectorPipeline.fileHashes(downloadCache));
  }

  /**
   * The sha256 of local files (a gzipped base's), kept beside the downloads where the connector
   * pipeline and the build's fingerprint keep theirs.
   */
  ContentHashes fileHashes() {
    return new ContentHashes(fileHashes);
  }

  /** The file system of the base with {@code imageId}, if a build read it before. */
  Optional<BaseFilesystem> filesystem(String imageId) {
    return CacheFiles.read(entry(imageId)).flatMap(BaseImageCache::decode);
  }

  /**
   * Keeps the file system of the base with {@code imageId}. A cache that cannot be written costs
   * the next build a read of the base, nothing more, so it does not fail this one.
   */
  void keep(String imageId, BaseFilesystem filesystem) {
    try {
      CacheFiles.write(entry(imageId), encode(filesystem));
    } catch (IOException e) {
      // Only the next build's speed depends on the entry.
    }
  }

  /**
   * The config of the base with {@code imageId}, if a build read it before; it is the config whose
   * SHA-256 is that ID, or none.
   */
  Optional<byte[]> config(String imageId) {
    return CacheFiles.read(configEntry(imageId))
        .filter(config -> imageId.equals("sha256:" + ContentHashes.ofBytes(config)));
  }

  /** Keeps the config of the base with {@code imageId}; as {@link #keep}, never fails the build. */
  void keepConfig(String imageId, byte[] config) {
    try {
      CacheFiles.write(configEntry(imageId), config);
    } catch (IOException e) {
      // Only the next build's speed depends on the entry.
    }
  }

  private Path configEntry(String imageId) {
    return directory.resolve(ContentHashes.ofParts(List.of(CONFIG_FORMAT, imageId)));
  }

  private Path entry(String imageId) {
    return directory.resolve(
        ContentHashes.ofParts(
            List.of(FORMAT, imageId, ContentHashes.ofClass(BaseFilesystem.class))));
  }

  private static byte[] encode(BaseFilesystem filesystem) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(filesystem.nodes().size());
      for (Map.Entry<String, BaseFilesystem.Node> entry : filesystem.nodes().entrySet()) {
        BaseFilesystem.Node node = entry.getValue();
        out.writeUTF(entry.getKey());
        out.writeByte(node.type().ordinal());
        out.writeInt(node.uid());
        out.writeInt(node.gid());
        out.writeInt(node.mode());
        out.writeBoolean(node.linkTarget() != null);
        if (node.linkTarget() != null) {
          out.writeUTF(node.linkTarget());
        }
      }
      out.writeInt(filesystem.contents().size());
      for (Map.Entry<String, byte[]> entry : filesystem.contents().entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeInt(entry.getValue().length);
        out.write(entry.getValue());
      }
      out.writeInt(filesystem.jarDigests().size());
      for (Map.Entry<String, String> entry : filesystem.jarDigests().entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeUTF(entry.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private static Optional<BaseFilesystem> decode(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      BaseFilesystem.Type[] types = BaseFilesystem.Type.values();
      Map<String, BaseFilesystem.Node> nodes = new HashMap<>();
      for (int count = in.readInt(); count > 0; count--) {
        String path = in.readUTF();
        BaseFilesystem.Type type = types[in.readByte()];
        int uid = in.readInt();
        int gid = in.readInt();
        int mode = in.readInt();
        String link = in.readBoolean() ? in.readUTF() : null;
        nodes.put(path, new BaseFilesystem.Node(type, uid, gid, mode, link));
      }
      Map<String, byte[]> contents = new HashMap<>();
      for (int count = in.readInt(); count > 0; count--) {
        String path = in.readUTF();
        contents.put(path, in.readNBytes(in.readInt()));
      }
      Map<String, String> jarDigests = new HashMap<>();
      for (int count = in.readInt(); count > 0; count--) {
        jarDigests.put(in.readUTF(), in.readUTF());
      }
      return Optional.of(BaseFilesystem.restored(nodes, contents, jarDigests));
    } catch (IOException | RuntimeException e) {
      // A sealed entry that still does not decode was written by other code: read the base again.
      return Optional.empty();
    }
  }
}
