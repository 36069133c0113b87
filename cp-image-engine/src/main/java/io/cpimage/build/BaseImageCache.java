package io.cpimage.build;

import io.cpimage.artifact.CacheFiles;
import io.cpimage.artifact.ContentHashes;
import io.cpimage.connector.ConnectorPipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What reading a base image's layers gave ({@link BaseFilesystem}: the index and the captured
 * files), and its config (environment, user, the layers' diff IDs), kept in the user's cache beside
 * the downloads by the base's image ID, so a base whose ID is unchanged is never read again,
 * whichever project builds on it: a {@code docker://} base is then not even saved. The key also
 * holds the bytecode of {@link BaseFilesystem}: code that indexes or captures more of a base never
 * reads an entry that older code wrote. Entries are written whole or not at all ({@link
 * CacheFiles}); a damaged one reads as absent and the base is read again. A build asks the tree for
 * a few hundred of its many thousand paths, so an entry's nodes are searched where they lie in the
 * payload and decoded one by one as asked for, not all at each build.
 */
final class BaseImageCache {
  static final String FORMAT = "cp-image base filesystem 3";

  /** The bit of a node's type byte that says it has a link target (which may be empty). */
  private static final int HAS_LINK = 0x80;

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
   * The sha256 of local files (a gzipped base's), from {@link ContentHashes}, which alone hashes
   * them and keeps what it hashed, here in the entries the connector pipeline and the build's
   * fingerprint keep theirs in ({@link ConnectorPipeline#fileHashes}). Not this cache's to own: it
   * only hands the base reader an instance over those entries. A separate instance costs no read,
   * since no other part of a build hashes the base's {@code .tar.gz} (the fingerprint skips a
   * gzipped base) and instances share whatever they keep.
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

  /**
   * The payload: the nodes sorted by their paths' UTF-8 bytes, as a table of fixed-size records (a
   * path's end and a link target's end in two text blocks, uid, gid, mode, type) that {@link
   * PackedNodes} searches in place; then the captured files and the kept digests (Kafka's jars, the
   * belt's files), few enough to read whole.
   */
  static byte[] encode(BaseFilesystem filesystem) throws IOException {
    List<Map.Entry<byte[], BaseFilesystem.Node>> sorted = new ArrayList<>();
    filesystem.nodes().forEach((path, node) -> sorted.add(Map.entry(utf8(path), node)));
    sorted.sort((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey()));
    ByteArrayOutputStream paths = new ByteArrayOutputStream();
    ByteArrayOutputStream links = new ByteArrayOutputStream();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(sorted.size());
      for (Map.Entry<byte[], BaseFilesystem.Node> entry : sorted) {
        BaseFilesystem.Node node = entry.getValue();
        paths.write(entry.getKey());
        if (node.linkTarget() != null) {
          links.write(utf8(node.linkTarget()));
        }
        out.writeInt(paths.size());
        out.writeInt(links.size());
        out.writeInt(node.uid());
        out.writeInt(node.gid());
        out.writeInt(node.mode());
        out.writeByte(node.type().ordinal() | (node.linkTarget() != null ? HAS_LINK : 0));
      }
      out.writeInt(paths.size());
      paths.writeTo(out);
      out.writeInt(links.size());
      links.writeTo(out);
      out.writeInt(filesystem.contents().size());
      for (Map.Entry<String, byte[]> entry : filesystem.contents().entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeInt(entry.getValue().length);
        out.write(entry.getValue());
      }
      out.writeInt(filesystem.digests().size());
      for (Map.Entry<String, String> entry : filesystem.digests().entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeUTF(entry.getValue());
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Reads the few captured files and digests; the nodes stay in the payload until a build asks for
   * a path, since it asks for a few hundred of a base's many thousands.
   */
  static Optional<BaseFilesystem> decode(byte[] payload) {
    try {
      PackedNodes nodes = new PackedNodes(payload);
      DataInputStream in =
          new DataInputStream(
              new ByteArrayInputStream(payload, nodes.nodesEnd, payload.length - nodes.nodesEnd));
      Map<String, byte[]> contents = new HashMap<>();
      for (int count = in.readInt(); count > 0; count--) {
        String path = in.readUTF();
        contents.put(path, in.readNBytes(in.readInt()));
      }
      Map<String, String> digests = new HashMap<>();
      for (int count = in.readInt(); count > 0; count--) {
        digests.put(in.readUTF(), in.readUTF());
      }
      return Optional.of(BaseFilesystem.restored(nodes, contents, digests));
    } catch (IOException | RuntimeException e) {
      // A sealed entry that still does not decode was written by other code: read the base again.
      return Optional.empty();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The nodes of an entry's payload as a read-only map that decodes a node when it is asked for:
   * {@link #get} is a binary search over the sorted paths' bytes. Paths come from tar entry names
   * decoded to well-formed Unicode, so distinct paths have distinct UTF-8 bytes.
   */
  private static final class PackedNodes extends AbstractMap<String, BaseFilesystem.Node> {
    private static final int RECORD = 4 + 4 + 4 + 4 + 4 + 1;
    private static final BaseFilesystem.Type[] TYPES = BaseFilesystem.Type.values();

    private final byte[] payload;
    private final int count;
    private final int pathsAt;
    private final int linksAt;
    private final int nodesEnd;

    /**
     * Checks that the blocks fit the payload and each other, so that a payload of other code reads
     * as absent here rather than failing a lookup later.
     */
    private PackedNodes(byte[] bytes) throws IOException {
      payload = bytes;
      count = intAt(0);
      pathsAt = record(count) + 4;
      int pathsSize = intAt(pathsAt - 4);
      linksAt = pathsAt + pathsSize + 4;
      int linksSize = intAt(linksAt - 4);
      nodesEnd = linksAt + linksSize;
      if (count < 0
          || pathsSize < 0
          || linksSize < 0
          || nodesEnd > payload.length
          || (count > 0 && (pathEnd(count - 1) != pathsSize || linkEnd(count - 1) != linksSize))) {
        throw new IOException("not a packed file tree");
      }
    }

    @Override
    public BaseFilesystem.Node get(Object key) {
      if (!(key instanceof String path)) {
        return null;
      }
      byte[] wanted = utf8(path);
      int low = 0;
      int high = count - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        int order =
            Arrays.compareUnsigned(
                payload,
                pathsAt + pathStart(middle),
                pathsAt + pathEnd(middle),
                wanted,
                0,
                wanted.length);
        if (order < 0) {
          low = middle + 1;
        } else if (order > 0) {
          high = middle - 1;
        } else {
          return node(middle);
        }
      }
      return null;
    }

    @Override
    public boolean containsKey(Object key) {
      return get(key) != null;
    }

    @Override
    public int size() {
      return count;
    }

    /** Every node, decoded in order: for tests and comparisons, never on a build's path. */
    @Override
    public Set<Map.Entry<String, BaseFilesystem.Node>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, BaseFilesystem.Node>> iterator() {
          return IntStream.range(0, count)
              .mapToObj(index -> Map.entry(path(index), node(index)))
              .iterator();
        }

        @Override
        public int size() {
          return count;
        }
      };
    }

    private String path(int index) {
      return text(pathsAt + pathStart(index), pathsAt + pathEnd(index));
    }

    private BaseFilesystem.Node node(int index) {
      int at = record(index);
      int flags = payload[at + 20] & 0xff;
      String link =
          (flags & HAS_LINK) != 0
              ? text(linksAt + (index == 0 ? 0 : linkEnd(index - 1)), linksAt + linkEnd(index))
              : null;
      return new BaseFilesystem.Node(
          TYPES[flags & ~HAS_LINK], intAt(at + 8), intAt(at + 12), intAt(at + 16), link);
    }

    private String text(int from, int to) {
      return new String(payload, from, to - from, StandardCharsets.UTF_8);
    }

    private int pathStart(int index) {
      return index == 0 ? 0 : pathEnd(index - 1);
    }

    private int pathEnd(int index) {
      return intAt(record(index));
    }

    private int linkEnd(int index) {
      return intAt(record(index) + 4);
    }

    /**
     * The big-endian int at {@code at}, as {@link DataOutputStream} wrote it; by hand, since a
     * fresh JVM interprets these reads and a {@code ByteBuffer}'s cost several calls each.
     */
    private int intAt(int at) {
      return (payload[at] << 24)
          | (payload[at + 1] & 0xff) << 16
          | (payload[at + 2] & 0xff) << 8
          | (payload[at + 3] & 0xff);
    }

    private static int record(int index) {
      return 4 + index * RECORD;
    }
  }
}
