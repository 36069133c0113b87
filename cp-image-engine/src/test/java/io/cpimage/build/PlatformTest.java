package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void parsesJibsShapeAndTheShortForm() throws ImageBuildException {
    assertEquals(
        new Platform("linux", "arm64"), Platform.of(" Linux ", "ARM64", "<platforms><platform>"));
    assertEquals(new Platform("linux", "amd64"), Platform.parse("linux/amd64", "-D"));
    assertEquals(
        List.of(new Platform("linux", "amd64"), new Platform("linux", "arm64")),
        Platform.parseList("linux/amd64, linux/arm64,linux/amd64", "-D"));
    assertEquals("linux/arm64", new Platform("linux", "arm64").toString());
  }

  @Test
  void aMalformedPlatformNamesTheElementAndTheFix() {
    assertEquals(
        "<platforms><platform> 'linux/' is not a platform; write e.g. <platform><os>linux</os>"
            + "<architecture>arm64</architecture></platform> or"
            + " -Dcp-image.platforms=linux/amd64,linux/arm64",
        assertThrows(
                ImageBuildException.class,
                () -> Platform.of("linux", null, "<platforms><platform>"))
            .getMessage());
    assertEquals(
        "-Dcp-image.platforms 'arm64' is not os/architecture; write e.g. linux/arm64",
        assertThrows(
                ImageBuildException.class, () -> Platform.parse("arm64", "-Dcp-image.platforms"))
            .getMessage());
  }
}
