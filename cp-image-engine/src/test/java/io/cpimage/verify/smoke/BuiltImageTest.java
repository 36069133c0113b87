package io.cpimage.verify.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltImageTest {
  @TempDir Path directory;

  private Path report(String json) throws IOException {
    return Files.writeString(directory.resolve("report.json"), json);
  }

  @Test
  void takesTheDaemonTarget() throws Exception {
    Path report = report("{\"image\":\"docker://acme/connect:1\",\"outputs\":[]}");

    assertEquals("acme/connect:1", BuiltImage.fromReport(report));
  }

  @Test
  void takesTheDaemonOutputOfARegistryBuild() throws Exception {
    Path report =
        report(
            "{\"image\":\"registry.example/acme/connect:1\","
                + "\"outputs\":[\"registry.example/acme/connect:1\",\"docker://acme/connect:1\"]}");

    assertEquals("acme/connect:1", BuiltImage.fromReport(report));
  }

  @Test
  void refusesAnImageNotInTheDaemon() throws Exception {
    Path report =
        report("{\"image\":\"tar://target/out.tar\",\"outputs\":[\"tar://target/out.tar\"]}");

    SmokeException e = assertThrows(SmokeException.class, () -> BuiltImage.fromReport(report));

    assertTrue(e.getMessage().contains("(tar://target/out.tar) was not loaded"), e.getMessage());
    assertTrue(e.getMessage().contains("<to><image>docker://name:tag</image>"), e.getMessage());
  }

  @Test
  void refusesAMissingReport() {
    Path missing = directory.resolve("report.json");

    SmokeException e = assertThrows(SmokeException.class, () -> BuiltImage.fromReport(missing));

    assertTrue(e.getMessage().contains("no build report at " + missing), e.getMessage());
  }

  @Test
  void refusesAReportThatIsNotJson() throws Exception {
    Path report = report("{not json");

    SmokeException e = assertThrows(SmokeException.class, () -> BuiltImage.fromReport(report));

    assertTrue(e.getMessage().startsWith("cannot read the build report " + report), e.getMessage());
  }
}
