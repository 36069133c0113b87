package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildReportTest {
  @TempDir Path directory;

  private static BuildReport report(String image, List<String> outputs) {
    return new BuildReport(
        "tar:///base.tar",
        "sha256:base",
        image,
        "sha256:digest",
        "sha256:id",
        List.of("1.0"),
        outputs,
        List.of(new BuildReport.LayerRecord("connectors", "sha256:layer", List.of("/a.jar"))),
        List.of(new BuildReport.ArtifactRecord("<connector>", "file", "a.jar", "abc")),
        List.of(
            new BuildReport.ConnectorRecord("first", "/plugins/first", List.of("a.Source")),
            new BuildReport.ConnectorRecord("second", "/plugins/second", List.of("b.Sink"))),
        Map.of("COMPONENT", "kafka-connect"),
        List.of("/data"),
        "appuser",
        Map.of("io.cpimage.project", "g:a"),
        "/project/target/cp-image/sbom.cdx.json",
        List.of(
            new BuildReport.PlatformRecord(
                "linux/arm64",
                "sha256:arm",
                "sha256:armbase",
                "/project/target/cp-image/sbom.linux-arm64.cdx.json")));
  }

  @Test
  void readsWhatItWrote() throws Exception {
    BuildReport written = report("docker://acme/connect:1", List.of("docker://acme/connect:1"));
    Path file = directory.resolve("cp-image/report.json");

    written.write(file);

    assertEquals(written, BuildReport.read(file));
  }

  @Test
  void listsThePluginClassesOfEveryConnector() {
    assertEquals(List.of("a.Source", "b.Sink"), report("x", List.of()).pluginClasses());
  }

  @Test
  void namesTheDaemonImageFromTheTargetOrAnOutput() {
    assertEquals("acme/connect:1", report("docker://acme/connect:1", List.of()).daemonImage());
    assertEquals(
        "acme/connect:1",
        report("registry.example/acme/connect:1", List.of("docker://acme/connect:1"))
            .daemonImage());
    assertNull(report("tar://out.tar", List.of("tar://out.tar")).daemonImage());
  }

  @Test
  void readsAReportWithoutTheFieldsOfANewerBuild() throws Exception {
    Path file =
        Files.writeString(
            directory.resolve("report.json"),
            "{\"image\":\"docker://a:1\",\"connectors\":[{\"pluginClasses\":[\"a.Source\"]}],"
                + "\"laterField\":1}");

    BuildReport read = BuildReport.read(file);

    assertEquals(List.of("a.Source"), read.pluginClasses());
    assertEquals("a:1", read.daemonImage());
  }
}
