package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSpecTest {
  private final Path work = Path.of("/project/target/cp-image");

  private static ImageLocation location(String image) throws ImageBuildException {
    return ImageLocation.parse(image, "<image>", Path.of("/project"));
  }

  @Test
  void aBuilderGivesThePluginsDefaults() throws ImageBuildException {
    ImageLocation from = location("docker://cp-image/cp-kafka-connect:1");
    ImageLocation to = location("docker://example/connect:1");
    ImageSpec spec = ImageSpec.builder(from, to, work).build();

    assertEquals(from, spec.from());
    assertEquals(to, spec.target().image());
    assertEquals(List.of(), spec.target().tags());
    assertNull(spec.target().outputTar());
    assertFalse(spec.target().daemonOptional());
    assertTrue(spec.container().environment().isEmpty());
    assertTrue(spec.container().labels().isEmpty());
    assertNull(spec.container().user());
    assertEquals(List.of(), spec.container().volumes());
    assertEquals(List.of(), spec.connectors());
    assertEquals(List.of(), spec.libraries());
    assertNull(spec.jvm());
    assertNull(spec.jdk());
    assertTrue(spec.utilityBelt(), "the utility belt is added unless skipped");
    assertEquals(work, spec.settings().workDirectory());
    assertEquals(work.resolve("report.json"), spec.settings().reportFile());
    assertEquals(Instant.EPOCH, spec.settings().creationTime());
    assertFalse(spec.settings().offline());
    assertEquals("/usr/share/confluent-hub-components", spec.settings().pluginPath());
  }

  @Test
  void whatIsSetReplacesTheDefault() throws ImageBuildException {
    ImageSpec spec =
        ImageSpec.builder(location("base:1"), location("tar://target/image.tar"), work)
            .tarImageName("example/image:1")
            .user("appuser")
            .utilityBelt(false)
            .pluginPath("/opt/connectors")
            .reportFile(Path.of("/elsewhere/report.json"))
            .build();
    assertEquals("example/image:1", spec.target().tarImageName());
    assertEquals("appuser", spec.container().user());
    assertFalse(spec.utilityBelt());
    assertEquals("/opt/connectors", spec.settings().pluginPath());
    assertEquals(Path.of("/elsewhere/report.json"), spec.settings().reportFile());
  }

  @Test
  void aTarTargetNeedsTheNameItStores() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ImageSpec.builder(location("base:1"), location("tar://image.tar"), work).build());
    assertEquals("a tar:// target needs a tarImageName", e.getMessage());
  }
}
