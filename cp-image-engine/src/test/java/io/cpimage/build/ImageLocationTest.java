package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageLocationTest {
  private final Path project = Path.of("/project");

  @Test
  void parsesTheThreeForms() throws ImageBuildException {
    assertEquals(
        new ImageLocation(ImageLocation.Kind.REGISTRY, "confluentinc/cp-kafka:7.9.0", null),
        ImageLocation.parse("confluentinc/cp-kafka:7.9.0", "<from><image>", project));
    assertEquals(
        new ImageLocation(ImageLocation.Kind.REGISTRY, "localhost:5000/a:1", null),
        ImageLocation.parse("localhost:5000/a:1", "<from><image>", project));
    assertEquals(
        new ImageLocation(ImageLocation.Kind.DOCKER, "cp-image/cp-kafka:1", null),
        ImageLocation.parse("docker://cp-image/cp-kafka:1", "<to><image>", project));
    ImageLocation tar = ImageLocation.parse("tar://target/base.tar", "<from><image>", project);
    assertEquals(Path.of("/project/target/base.tar"), tar.tarPath());
    assertEquals("tar:///project/target/base.tar", tar.toString());
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
