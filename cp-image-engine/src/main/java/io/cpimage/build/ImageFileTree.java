package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.artifact.ContentHashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The file tree of an image this plugin built ({@link BaseFilesystem}: every path's metadata, the
 * captured files, the digests of Kafka's jars and the belt's files), kept in the image's last
 * layer, so that a build that extends the image reads one small file instead of the whole image
 * ({@code docker export} of a 727 MB base took 2.6 s of a 3.3 s cold build).
 *
 * <p>It is used only for the image it was written for: the image must have exactly the layers it
 * was written with (a layer added on top, by a Dockerfile or {@code docker commit}, leaves it
 * behind, so the count differs) and the base layers it was built on (a rebase changes them), and it
 * must come from the same reading rules ({@link BaseFilesystem}'s bytecode, as the cache's key has
 * it). Anything else, or a file that does not decode, reads as absent: the base is then read the
 * long way, as before.
 */
final class ImageFileTree {
  /** Where the tree lies in an image, beside its SBOM. */
  static final String IMAGE_PATH = "/usr/share/cp-image/file-tree";

  /**
   * The image's last layer: its SBOM and this tree, which a load of a changed image sends as one
   * layer, not two (a layer costs {@code docker load} about 55 ms however small).
   */
  static final String LAYER = "sbom-and-file-tree";

  /**
   * What a build says of an image whose tree it does not use, before it reads the image's files:
   * the image changed after the plugin built it, or another version of the plugin built it.
   */
  static final String NOT_THIS_IMAGES =
      "its " + IMAGE_PATH + " describes other layers or comes from another version of cp-image";

  private static final String FORMAT = "cp-image image file tree 1";

  private ImageFileTree() {}

  /**
   * Adds to {@code layer}, the image's last ({@link #LAYER}), the tree of the image {@code planner}
   * plans on {@code base}, with every layer planned so far and this one as it stands, and ends the
   * layer. The file is written to {@code directory} before the layer ends, which starts its build.
   */
  static void finishLayer(
      LayerPlanner planner,
      LayerPlanner.Layer layer,
      BaseImage base,
      Path directory,
      BaseFilesystem.Hashing hashing)
      throws ImageBuildException, IOException {
    Path file = Files.createDirectories(directory).resolve("file-tree");
    if (!Files.isRegularFile(file)) {
      // The tree holds the file's own node, made from the file as planned: it must exist.
      Files.write(file, new byte[0]);
    }
    layer.addFile(file, IMAGE_PATH, LayerPlanner.FILE_MODE, "the image's file tree");
    List<LayerPlan.Layer> layers = new ArrayList<>(planner.plan().layers());
    layers.add(layer.planned());
    BaseFilesystem tree = base.filesystem().withLayers(layers, hashing);
    byte[] bytes = write(tree, base.diffIds(), base.diffIds().size() + layers.size());
    // The same tree as the last build's is left as it is, its time too: jib's cache knows it.
    if (!Arrays.equals(bytes, Files.readAllBytes(file))) {
      Files.write(file, bytes);
    }
    layer.finish();
  }

  /**
   * The file's bytes: {@code tree}, for an image of {@code layers} layers on {@code baseDiffIds}.
   */
  static byte[] write(BaseFilesystem tree, List<String> baseDiffIds, int layers)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(FORMAT);
      out.writeUTF(rules());
      out.writeInt(layers);
      out.writeInt(baseDiffIds.size());
      for (String diffId : baseDiffIds) {
        out.writeUTF(diffId);
      }
      out.write(BaseImageCache.encode(tree));
    }
    return bytes.toByteArray();
  }

  /**
   * The tree in {@code file}, if it was written for the image whose layers have {@code diffIds}
   * (bottom first) by code that reads bases as this code does; empty otherwise.
   */
  static Optional<BaseFilesystem> read(byte[] file, List<String> diffIds) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      if (!in.readUTF().equals(FORMAT) || !in.readUTF().equals(rules())) {
        return Optional.empty();
      }
      int layers = in.readInt();
      int baseLayers = in.readInt();
      if (layers != diffIds.size() || baseLayers < 0 || baseLayers > layers) {
        return Optional.empty();
      }
      for (String diffId : diffIds.subList(0, baseLayers)) {
        if (!in.readUTF().equals(diffId)) {
          return Optional.empty();
        }
      }
      return BaseImageCache.decode(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The tree's file in {@code layer} (a layer tar of {@code image}, plain or gzipped: the image's
   * last), if it holds one; for {@link #read}. The tree's layer holds the tree's directories, then
   * the tree, then the SBOM (a layer's entries are sorted by path, and {@code file-tree} comes
   * before {@code sbom.cdx.json}): a layer whose first file is another is left at that file.
   */
  static Optional<byte[]> fileIn(ImageTar image, String layer) throws IOException {
    try (TarArchiveInputStream tar = BaseFilesystem.layerEntries(image.open(layer))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (!entry.isDirectory()) {
          return entry.isFile() && BaseFilesystem.normalize(entry.getName()).equals(IMAGE_PATH)
              ? Optional.of(tar.readAllBytes())
              : Optional.empty();
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The tree in {@code file}, the image's tree file if it has one, when it is the tree of the image
   * whose layers have {@code diffIds}. The log says which, the line begun by {@code begun} (with
   * its separator): the tree is used, or (a file that is not the image's own) the image is read
   * {@code instead}.
   */
  static Optional<BaseFilesystem> use(
      Optional<byte[]> file,
      List<String> diffIds,
      String begun,
      String instead,
      Consumer<LogEvent> log) {
    Optional<BaseFilesystem> own = file.flatMap(tree -> read(tree, diffIds));
    if (own.isPresent()) {
      log.accept(LogEvent.lifecycle(begun + "its file tree from the image's " + IMAGE_PATH));
    } else if (file.isPresent()) {
      log.accept(LogEvent.lifecycle(begun + NOT_THIS_IMAGES + ", " + instead));
    }
    return own;
  }

  /** What the tree's reading rules and encoding are, as the base cache's key names them. */
  private static String rules() {
    return ContentHashes.ofParts(
        List.of(BaseImageCache.FORMAT, ContentHashes.ofClass(BaseFilesystem.class)));
  }
}
