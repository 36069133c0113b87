package io.cpimage.build;

import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.blob.Blobs;
import com.google.cloud.tools.jib.hash.Digests;
import com.google.cloud.tools.jib.image.json.V22ManifestTemplate;
import com.google.cloud.tools.jib.json.JsonTemplateMapper;
import com.google.cloud.tools.jib.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pushes images built one platform at a time (the docker-save tars cp-image:build writes, or the
 * OCI image layout tar of a {@code <platforms>} build) to a registry as one multi-platform image:
 * each platform's blobs (those the registry lacks) and manifest by its digest, then one image index
 * naming them under the tag and every extra tag, through jib's registry client. Every tar is read
 * and checked first, and the index goes last: when a tar or a platform fails, no tag is pushed.
 */
public final class PlatformPush implements AutoCloseable {
  private static final String WHERE = "<images>";

  private final List<PushableTar> tars;
  private final List<PushableTar.Image> images;
  private final Consumer<LogEvent> log;

  private PlatformPush(
      List<PushableTar> tars, List<PushableTar.Image> images, Consumer<LogEvent> log) {
    this.tars = tars;
    this.images = images;
    this.log = log;
  }

  /** One platform's image as pushed: its platform ({@code os/arch}) and manifest digest. */
  public record Pushed(String platform, String digest) {}

  /** The image index pushed: its digest and each platform's image. */
  public record Result(String digest, List<Pushed> platforms) {}

  /**
   * Reads and checks {@code tars}: each holds one platform (docker-save) or several (an OCI
   * layout), no platform twice; when {@code declared} is not empty, exactly those platforms. The
   * caller closes the result.
   */
  public static PlatformPush read(List<Path> tars, List<Platform> declared, Consumer<LogEvent> log)
      throws ImageBuildException {
    if (tars.isEmpty()) {
      throw new ImageBuildException(
          WHERE
              + " lists no tar; give each platform's tar, e.g."
              + " -Dcp-image.push.images=target/image.tar,target/image-arm64.tar");
    }
    List<PushableTar> read = new ArrayList<>();
    try {
      Map<Platform, PushableTar.Image> byPlatform = new LinkedHashMap<>();
      for (Path path : new LinkedHashSet<>(tars)) {
        PushableTar tar = PushableTar.read(path);
        read.add(tar);
        for (PushableTar.Image image : tar.images()) {
          PushableTar.Image twin = byPlatform.putIfAbsent(image.platform(), image);
          if (twin != null) {
            throw new ImageBuildException(
                WHERE
                    + ": "
                    + twin.tar().path()
                    + " and "
                    + path
                    + " both hold a "
                    + image.platform()
                    + " image; an index names one image per platform: give one tar per"
                    + " platform (was one built for the wrong platform?)");
          }
        }
      }
      checkDeclared(declared, byPlatform);
      return new PlatformPush(read, List.copyOf(byPlatform.values()), log);
    } catch (ImageBuildException e) {
      for (PushableTar tar : read) {
        try {
          tar.close();
        } catch (IOException ignored) {
          // Only read; the refusal is what the user needs to see.
        }
      }
      throw e;
    }
  }

  private static void checkDeclared(List<Platform> declared, Map<Platform, PushableTar.Image> held)
      throws ImageBuildException {
    if (declared.isEmpty()) {
      return;
    }
    String declaredNames = String.join(", ", declared.stream().map(Platform::toString).toList());
    for (PushableTar.Image image : held.values()) {
      if (!declared.contains(image.platform())) {
        throw new ImageBuildException(
            WHERE
                + ": "
                + image.tar().path()
                + " holds a "
                + image.platform()
                + " image, but <platforms> lists "
                + declaredNames
                + "; give the tar of the platform meant, or list "
                + image.platform()
                + " in <platforms> (-Dcp-image.platforms)");
      }
    }
    for (Platform platform : declared) {
      if (!held.containsKey(platform)) {
        throw new ImageBuildException(
            "<platforms> lists "
                + platform
                + ", but no tar of <images> holds it (they hold "
                + String.join(", ", held.keySet().stream().map(Platform::toString).toList())
                + "); add that platform's tar to <images>, or drop it from <platforms>");
      }
    }
  }

  /**
   * The name ({@code repository:tag}) the first tar carries, for a target named after it; an
   * ImageBuildException when it carries none.
   */
  public String imageName() throws ImageBuildException {
    List<String> names = tars.get(0).names();
    if (names.isEmpty()) {
      throw new ImageBuildException(
          WHERE
              + ": "
              + tars.get(0).path()
              + " carries no image name to push under; name the target with <to><image>"
              + " (-Dcp-image.to.image) instead of -Dcp-image.push.registry");
    }
    return names.get(0);
  }

  /** The other tags the first tar carries for the same repository (its RepoTags). */
  public List<String> imageTags() throws ImageBuildException {
    String name = imageName();
    String repository = name.substring(0, Math.max(0, name.lastIndexOf(':')));
    List<String> tags = new ArrayList<>();
    for (String other : tars.get(0).names().subList(1, tars.get(0).names().size())) {
      int colon = other.lastIndexOf(':');
      if (colon > 0 && other.substring(0, colon).equals(repository)) {
        tags.add(other.substring(colon + 1));
      }
    }
    return tags;
  }

  /**
   * Pushes every platform's image to {@code to}'s repository, then the index under its tag and
   * {@code tags}; returns what was pushed.
   */
  public Result push(ImageLocation to, List<String> tags) throws ImageBuildException {
    if (to.kind() != ImageLocation.Kind.REGISTRY) {
      throw new ImageBuildException(
          "<to><image> '"
              + to
              + "' is not a registry image; the image index goes to a registry: write"
              + " host[:port]/repository:tag");
    }
    RegistryClient client = RegistryIndex.client(to, true, log);
    boolean docker = images.stream().allMatch(i -> i.manifest() instanceof V22ManifestTemplate);
    ImageIndexTemplate index =
        docker ? ImageIndexTemplate.dockerManifestList() : ImageIndexTemplate.ociIndex();
    List<Pushed> pushed = new ArrayList<>();
    for (PushableTar.Image image : images) {
      String digest = pushImage(client, to, image);
      try {
        index.add(
            image.manifest().getManifestMediaType(),
            digest,
            JsonTemplateMapper.toByteArray(image.manifest()).length,
            image.platform(),
            image.variant());
      } catch (IOException e) {
        throw new ImageBuildException("writing the manifest of " + image.platform(), e);
      }
      pushed.add(new Pushed(image.platform().toString(), digest));
    }
    List<String> allTags = new ArrayList<>();
    allTags.add(to.registryReference().getQualifier());
    allTags.addAll(tags);
    DescriptorDigest digest = null;
    try {
      for (String tag : new LinkedHashSet<>(allTags)) {
        digest = client.pushManifest(index, tag);
      }
    } catch (RegistryException | IOException e) {
      throw ContainerBuild.failure("pushing the image index " + to, e);
    }
    ImageReference reference = to.registryReference();
    log.accept(
        LogEvent.lifecycle(
            "Pushed "
                + reference.getRegistry()
                + "/"
                + reference.getRepository()
                + ":{"
                + String.join(",", new LinkedHashSet<>(allTags))
                + "} "
                + digest
                + " ("
                + String.join(", ", pushed.stream().map(Pushed::platform).toList())
                + ")"));
    return new Result(digest.toString(), List.copyOf(pushed));
  }

  /** Pushes one platform's blobs the registry lacks, then its manifest by digest. */
  private String pushImage(RegistryClient client, ImageLocation to, PushableTar.Image image)
      throws ImageBuildException {
    String what =
        "pushing the " + image.platform() + " image of " + image.tar().path() + " to " + to;
    try {
      int sent = 0;
      for (Map.Entry<DescriptorDigest, String> blob : image.blobs().entrySet()) {
        if (client.checkBlob(blob.getKey()).isEmpty()) {
          sent++;
          PushableTar tar = image.tar();
          String entry = blob.getValue();
          client.pushBlob(
              blob.getKey(),
              Blobs.from(
                  out -> {
                    try (InputStream in = tar.open(entry)) {
                      in.transferTo(out);
                    }
                  },
                  true),
              null,
              written -> {});
        }
      }
      log.accept(
          LogEvent.lifecycle(
              sent == 0
                  ? image.platform() + ": every blob was in the registry already"
                  : image.platform()
                      + ": sent "
                      + sent
                      + " of "
                      + image.blobs().size()
                      + " blobs"));
      DescriptorDigest digest = Digests.computeJsonDigest(image.manifest());
      client.pushManifest(image.manifest(), digest.toString());
      log.accept(
          LogEvent.lifecycle(
              "Pushed "
                  + image.platform()
                  + " from "
                  + image.tar().path().getFileName()
                  + " as "
                  + to.registryReference().getRegistry()
                  + "/"
                  + to.registryReference().getRepository()
                  + "@"
                  + digest));
      return digest.toString();
    } catch (RegistryException | IOException e) {
      throw new ImageBuildException(
          ContainerBuild.failure(what, e).getMessage() + "; no tag was pushed", e);
    }
  }

  @Override
  public void close() throws IOException {
    for (PushableTar tar : tars) {
      tar.close();
    }
  }
}
