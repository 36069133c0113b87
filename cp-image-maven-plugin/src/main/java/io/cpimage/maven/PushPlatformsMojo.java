package io.cpimage.maven;

import io.cpimage.build.ImageLocation;
import io.cpimage.build.PlatformPush;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * {@code cp-image:push-platforms}: pushes images built one platform at a time (the docker-save tars
 * cp-image:build writes, or the OCI image layout tar of a build with platforms to tar://) to a
 * registry as one multi-platform image: every platform's image, then one image index under the tag
 * and the extra tags. Nothing is tagged when a tar or a platform fails. Runs without a project too
 * (full coordinates, {@code io.cpimage:cp-image-maven-plugin:VERSION:push-platforms}).
 */
@Mojo(name = "push-platforms", requiresProject = false, threadSafe = true)
public class PushPlatformsMojo extends ProjectMojo {
  private static final String GOAL = "push-platforms";

  /**
   * The tars to push, one image per platform between them: docker-save tars as cp-image:build
   * writes them (gzipped layers), or OCI image layout tars. -Dcp-image.push.images
   * (comma-separated).
   */
  @Parameter List<String> images = new ArrayList<>();

  /**
   * Instead of to's image: a registry (host:port) to push to under the name and tags the first tar
   * carries. -Dcp-image.push.registry.
   */
  @Parameter String registry;

  /**
   * The target, as build's: image (a registry name), tags (extra tags of the index), auth and
   * credHelper. -Dcp-image.to.image, -Dcp-image.to.tags.
   */
  @Parameter To to = new To();

  /**
   * The platforms the index must hold, each an os and architecture; default: those the tars hold.
   * -Dcp-image.platforms=linux/amd64,linux/arm64.
   */
  @Parameter List<PlatformParameter> platforms = new ArrayList<>();

  /** Allow plain HTTP and unverified TLS. -Dcp-image.allowInsecureRegistries. */
  @Parameter boolean allowInsecureRegistries;

  /** Skip the goal. -Dcp-image.push.skip. */
  @Parameter boolean skip;

  final SettingsDecrypter settingsDecrypter;

  @Inject
  public PushPlatformsMojo(SettingsDecrypter settingsDecrypter) {
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Overrides overrides = overrides();
    if (overrides.bool(PropertyNames.PUSH_SKIP, skip)) {
      getLog().info("cp-image:push-platforms skipped (cp-image.push.skip)");
      return;
    }
    Path basedir = project.getBasedir().toPath();
    List<Path> tars =
        overrides.list(PropertyNames.PUSH_IMAGES, images).stream()
            .map(image -> basedir.resolve(image).toAbsolutePath().normalize())
            .toList();
    BuildParameters.Image target = BuildParameters.to(to, overrides);
    String registryHost = overrides.string(PropertyNames.PUSH_REGISTRY, registry);
    if ((target.image() == null) == (registryHost == null)) {
      throw Failures.badInput(
          GOAL,
          target.image() == null
              ? "<to><image> is not set: name the target (-Dcp-image.to.image=host/repository:tag),"
                  + " or give -Dcp-image.push.registry=host:port to push under the name the first"
                  + " tar carries"
              : "<to><image> and <registry> (-Dcp-image.push.registry) are both set; give one");
    }
    List<String> tags = overrides.list(PropertyNames.TO_TAGS, to.tags);
    try (JibLog log = new JibLog(getLog());
        PlatformPush push =
            PlatformPush.read(
                tars,
                ImageSpecReader.platforms(
                    BuildParameters.platforms(platforms, overrides),
                    BuildParameters.platformsWhere(overrides)),
                log)) {
      List<String> allTags = new ArrayList<>(tags);
      String image = target.image();
      if (image == null) {
        image = registryHost + "/" + push.imageName();
        allTags.addAll(0, push.imageTags());
      }
      ImageLocation location =
          ImageSpecReader.location(
              new BuildParameters.Image(
                  image, target.username(), target.password(), target.credHelper()),
              "<to>",
              basedir,
              new SettingsCredentials(session.getSettings(), settingsDecrypter),
              overrides.bool(PropertyNames.ALLOW_INSECURE_REGISTRIES, allowInsecureRegistries));
      PlatformPush.Result result = push.push(location, allTags);
      getLog().info("Pushed image index " + location + " with digest " + result.digest());
    } catch (Exception e) {
      Failures.rethrow(GOAL, e);
    }
  }
}
