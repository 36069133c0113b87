package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageLocationTest {
  private final Path project = Path.of("/project");

  @Test
  void parsesTheThreeForms() throws ImageBuildException {
    ImageLocation registry =
        ImageLocation.parse("confluentinc/cp-kafka:7.9.0", "<from><image>", project);
    assertEquals(ImageLocation.Kind.REGISTRY, registry.kind());
    assertEquals("confluentinc/cp-kafka:7.9.0", registry.reference());
    assertEquals("registry-1.docker.io", registry.registryReference().getRegistry());
    ImageLocation local = ImageLocation.parse("localhost:5000/a:1", "<from><image>", project);
    assertEquals(ImageLocation.Kind.REGISTRY, local.kind());
    assertEquals("localhost:5000/a:1", local.reference());
    assertEquals("localhost:5000", local.registryReference().getRegistry());
    ImageLocation docker =
        ImageLocation.parse("docker://cp-image/cp-kafka:1", "<to><image>", project);
    assertEquals(ImageLocation.Kind.DOCKER, docker.kind());
    assertEquals("cp-image/cp-kafka:1", docker.reference());
    assertNull(docker.registryReference());
    ImageLocation tar = ImageLocation.parse("tar://target/base.tar", "<from><image>", project);
    assertEquals(Path.of("/project/target/base.tar"), tar.tarPath());
    assertEquals("tar:///project/target/base.tar", tar.toString());
  }

  @Test
  void aRegistryNameIsParsedOnceWhereItIsRead() {
    assertEquals(
        "<to><image> 'Bad Name:1' is not a valid image reference; write e.g."
            + " registry.example.com/team/image:tag",
        assertThrows(
                ImageBuildException.class,
                () -> ImageLocation.parse("Bad Name:1", "<to><image>", project))
            .getMessage());
  }

  @Test
  void registryAccessTravelsWithTheLocationAndStaysOutOfItsText() throws ImageBuildException {
    ImageLocation plain = ImageLocation.parse("localhost:5000/a:1", "<from><image>", project);
    assertEquals(List.of(), plain.credentials());
    assertFalse(plain.allowInsecureRegistries());
    List<CredentialSource> credentials =
        List.of(new CredentialSource.Known("user", "secret-5e1f", "<from><auth>"));
    ImageLocation withAccess = plain.withRegistryAccess(credentials, true);
    assertEquals(credentials, withAccess.credentials());
    assertTrue(withAccess.allowInsecureRegistries());
    assertEquals(plain.registryReference(), withAccess.registryReference());
    assertEquals("localhost:5000/a:1", withAccess.toString());
  }

  @Test
  void unknownPrefixOrNothingNamesTheParameter() {
    assertEquals(
        "<from><image> 'oci://x' has the unknown prefix 'oci://': use a bare registry name,"
            + " docker://name:tag or tar://path",
        assertThrows(
                ImageBuildException.class,
                () -> ImageLocation.parse("oci://x", "<from><image>", project))
            .getMessage());
    assertEquals(
        "<to><image> is not set: give a registry image (confluentinc/cp-kafka:7.9.0),"
            + " docker://name:tag or tar://path/to/image.tar",
        assertThrows(
                ImageBuildException.class, () -> ImageLocation.parse(" ", "<to><image>", project))
            .getMessage());
  }
}
