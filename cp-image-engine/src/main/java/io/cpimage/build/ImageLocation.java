package io.cpimage.build;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image as the pom names it ({@code <from>} or {@code <to>}), parsed once: a bare name is a
 * registry image, {@code docker://name} the local daemon's, {@code tar://path} a docker-save tar.
 * It carries what reaching its registry takes: the credential sources, in the order to try them,
 * and whether plain HTTP or unverified TLS is allowed.
 *
 * @param reference the name as written, without the prefix (for a tar, the path as written)
 * @param tarPath a tar's absolute path; null for other kinds
 * @param registryReference a registry image's parsed name (by digest once {@link #pinned}); null
 *     for other kinds
 */
public record ImageLocation(
    Kind kind,
    String reference,
    Path tarPath,
    ImageReference registryReference,
    List<CredentialSource> credentials,
    boolean allowInsecureRegistries) {

  /** Where the image lives. */
  public enum Kind {
    REGISTRY,
    DOCKER,
    TAR
  }

  private static final Pattern PREFIX = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$");

  /**
   * Parses {@code value}, without credentials and with TLS required; {@code parameter} names the
   * pom element for the message, {@code baseDir} makes relative tar paths absolute.
   */
  public static ImageLocation parse(String value, String parameter, Path baseDir)
      throws ImageBuildException {
    if (value == null || value.isBlank()) {
      throw new ImageBuildException(
          parameter
              + " is not set: give a registry image (confluentinc/cp-kafka:7.9.0), "
              + "docker://name:tag or tar://path/to/image.tar");
    }
    String trimmed = value.trim();
    Matcher matcher = PREFIX.matcher(trimmed);
    if (!matcher.matches()) {
      return registry(trimmed, value, parameter);
    }
    String rest = matcher.group(2);
    switch (matcher.group(1)) {
      case "registry":
        return registry(rest, value, parameter);
      case "docker":
        // Handed to docker as written (docker save also takes an image ID); a target's name is
        // checked when it is loaded.
        return new ImageLocation(Kind.DOCKER, rest, null, null, List.of(), false);
      case "tar":
        return new ImageLocation(
            Kind.TAR,
            rest,
            baseDir.resolve(rest).toAbsolutePath().normalize(),
            null,
            List.of(),
            false);
      default:
        throw new ImageBuildException(
            parameter
                + " '"
                + trimmed
                + "' has the unknown prefix '"
                + matcher.group(1)
                + "://': use a bare registry name, docker://name:tag or tar://path");
    }
  }

  private static ImageLocation registry(String reference, String value, String parameter)
      throws ImageBuildException {
    try {
      return new ImageLocation(
          Kind.REGISTRY, reference, null, ImageReference.parse(reference), List.of(), false);
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException(
          parameter
              + " '"
              + value
              + "' is not a valid image reference; write e.g. registry.example.com/team/image:tag",
          e);
    }
  }

  /** This location with the credential sources and insecure flag its registry is reached with. */
  public ImageLocation withRegistryAccess(
      List<CredentialSource> credentials, boolean allowInsecureRegistries) {
    return new ImageLocation(
        kind, reference, tarPath, registryReference, credentials, allowInsecureRegistries);
  }

  /**
   * This registry image by {@code digest}, shown as written: what a build pulls once it has read
   * the digest its tag names, so that the image pulled is the one checked, however the tag moves.
   */
  ImageLocation pinned(String digest) {
    ImageReference byDigest =
        ImageReference.of(
            registryReference.getRegistry(), registryReference.getRepository(), null, digest);
    return new ImageLocation(
        kind, reference, tarPath, byDigest, credentials, allowInsecureRegistries);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> reference;
      case DOCKER -> "docker://" + reference;
      case TAR -> "tar://" + tarPath;
    };
  }
}
