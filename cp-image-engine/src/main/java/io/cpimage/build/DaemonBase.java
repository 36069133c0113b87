package io.cpimage.build;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * jib's view of a {@code docker://} base that is not saved: its image ID and diff IDs as the cached
 * config gives them. With these jib takes the base's config and compressed layers from its own base
 * layer cache, where a build that read the base's tar left them, so the base's hundreds of MB are
 * neither saved nor extracted again; only when that cache lacks them does jib ask for {@code docker
 * save}.
 */
final class DaemonBase implements DockerClient {
  private final BaseImage base;

  DaemonBase(BaseImage base) {
    this.base = base;
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  @Override
  public ImageDetails inspect(ImageReference image) {
    return new ImageDetails() {
      @Override
      public long getSize() {
        // Only jib's progress of a save uses it.
        return 0;
      }

      @Override
      public DescriptorDigest getImageId() throws DigestException {
        return DescriptorDigest.fromDigest(base.imageId());
      }

      @Override
      public List<DescriptorDigest> getDiffIds() throws DigestException {
        List<DescriptorDigest> diffIds = new ArrayList<>();
        for (String diffId : base.diffIds()) {
          diffIds.add(DescriptorDigest.fromDigest(diffId));
        }
        return diffIds;
      }
    };
  }

  /**
   * Saves the base for jib with its layers gzipped ({@link GzippedLayersTar}), as {@code docker
   * save} sends them: jib would compress {@code docker save}'s plain layers on one thread each, at
   * the default level, once the save had ended.
   */
  @Override
  public void save(ImageReference image, Path out, Consumer<Long> written) throws IOException {
    // A registry or tar:// base the daemon holds is known there by its image ID (HeldBase).
    String saved =
        base.location().kind() == ImageLocation.Kind.DOCKER
            ? base.location().reference()
            : base.imageId();
    try {
      DockerCli.saveTo(saved, "<from><image>", in -> GzippedLayersTar.write(in, out));
    } catch (ImageBuildException e) {
      throw new IOException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while saving the base " + saved);
    }
  }

  // jib loads through DaemonLoad, never through the base's client.
  @Override
  public String load(ImageTarball tarball, Consumer<Long> written) {
    throw new UnsupportedOperationException("the base's client does not load images");
  }
}
