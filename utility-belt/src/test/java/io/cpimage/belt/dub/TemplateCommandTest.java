package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCommandTest {

  @TempDir Path dir;

  @Test
  void rendersATemplateToItsOutput() throws IOException {
    Path template =
        write(
            "kafka.properties.template",
            "{% for k, v in env_to_props('KAFKA_', '').items() %}\n{{k}}={{v}}\n{% endfor %}\n");
    Path output = dir.resolve("kafka.properties");
    assertEquals(
        new DubRun(0, "", ""),
        dub(Map.of("KAFKA_BROKER_ID", "1"), "template", template.toString(), output.toString()));
    assertEquals("broker.id=1\n", Files.readString(output));
  }

  @Test
  void rendersSeveralPairsInOneCall() throws IOException {
    Path a = write("a.template", "a={{ env['A'] }}\n");
    Path b = write("b.template", "b={{ env['B'] }}\n");
    Path outA = dir.resolve("a.out");
    Path outB = dir.resolve("b.out");
    DubRun run =
        dub(
            Map.of("A", "1", "B", "2"),
            "template",
            a.toString(),
            outA.toString(),
            b.toString(),
            outB.toString());
    assertEquals(new DubRun(0, "", ""), run);
    assertEquals("a=1", Files.readString(outA));
    assertEquals("b=2", Files.readString(outB));
  }

  @Test
  void aFailingRenderLeavesTheOldOutputByteIdenticalAndNoTemporaryFile() throws IOException {
    Path template = write("broken.template", "ok\n{% for x in %}\n");
    Path output = dir.resolve("server.properties");
    byte[] old = "broker.id=7\nlisteners=PLAINTEXT://:9092\n".getBytes();
    Files.write(output, old);
    DubRun run = dub("template", template.toString(), output.toString());
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("dub template: " + template + ":2:1: "), run.err());
    assertTrue(run.err().endsWith(failedLine("template", template.toString(), output.toString())));
    assertArrayEquals(old, Files.readAllBytes(output));
    assertEquals(List.of("broken.template", "server.properties"), names());
  }

  @Test
  void anUnclosedExpressionFailsNamingWhereItStartsAndLeavesTheOldOutput() throws IOException {
    Path template =
        write("kafka.properties.template", "# broker\nbroker.id=1\nlisteners = {{ env[\"X\"] \n");
    Path output = dir.resolve("kafka.properties");
    byte[] old = "broker.id=7\n".getBytes();
    Files.write(output, old);
    DubRun run = dub(Map.of("X", "PLAINTEXT://:9092"), "template", template + "", output + "");
    assertEquals(
        new DubRun(
            1,
            "",
            DubRun.lines(
                    "dub template: "
                        + template
                        + ":3:13: unclosed expression '{{ env[\"X\"]': no '}}' before the end of"
                        + " the template")
                + failedLine("template", template.toString(), output.toString())),
        run);
    assertArrayEquals(old, Files.readAllBytes(output));
    assertEquals(List.of("kafka.properties", "kafka.properties.template"), names());
  }

  @Test
  void anUnclosedTagCreatesNoOutput() throws IOException {
    Path template = write("t.template", "a=1\n{% if env['A'] %}\nb=2\n{% endif\n");
    Path output = dir.resolve("out");
    DubRun run = dub("template", template.toString(), output.toString());
    assertEquals(1, run.code());
    assertTrue(
        run.err().startsWith("dub template: " + template + ":4:1: unclosed tag '{% endif'"),
        run.err());
    assertFalse(Files.exists(output));
  }

  @Test
  void aFailingTemplateInAListWritesNoneOfTheOutputs() throws IOException {
    Path good = write("good.template", "fine\n");
    Path bad = write("bad.template", "{{ oops( }}\n");
    DubRun run =
        dub(
            "template",
            good.toString(),
            dir.resolve("good.out").toString(),
            bad.toString(),
            dir.resolve("bad.out").toString());
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("dub template: " + bad + ":1:"), run.err());
    assertEquals(List.of("bad.template", "good.template"), names());
  }

  @Test
  void aMissingTemplateCreatesNoOutput() throws IOException {
    Path missing = dir.resolve("missing.template");
    Path output = dir.resolve("out");
    DubRun run = dub("template", missing.toString(), output.toString());
    assertEquals(
        new DubRun(
            1,
            "",
            DubRun.lines("dub template: " + missing + ": template not found")
                + failedLine("template", missing.toString(), output.toString())),
        run);
    assertFalse(Files.exists(output));
  }

  @Test
  void anUnwritableOutputFailsNamingIt() throws IOException {
    Path template = write("t.template", "x\n");
    Path output = dir.resolve("no-such-dir/out");
    DubRun run = dub("template", template.toString(), output.toString());
    assertEquals(1, run.code());
    assertTrue(
        run.err().startsWith("dub template: " + output + ": cannot write the rendered template: "),
        run.err());
  }

  @Test
  void aRelativeInputIsResolvedFromTheWorkingDirectory() throws IOException {
    // Surefire runs in the module directory; Confluent's dub would have looked under `/`.
    String relative = "src/test/resources/templates/log4j.properties.template";
    Path output = dir.resolve("log4j.properties");
    assertEquals(new DubRun(0, "", ""), dub("template", relative, output.toString()));
    assertTrue(Files.readString(output).startsWith("log4j.rootLogger=INFO, stdout"));
  }

  @Test
  void environmentValuesAreRenderedLiterally() throws IOException {
    Path template = write("t.template", "v={{ env['V'] }}\n");
    Path output = dir.resolve("out");
    assertEquals(
        0,
        dub(Map.of("V", "{{ 7*7 }}"), "template", template.toString(), output.toString()).code());
    assertEquals("v={{ 7*7 }}", Files.readString(output));
  }

  @Test
  void inputsWithoutOutputsAreUsageErrors() throws IOException {
    Path template = write("t.template", "x\n");
    assertEquals(2, dub("template", template.toString()).code());
    DubRun odd = dub("template", template.toString(), "out", template.toString());
    assertEquals(2, odd.code());
    assertTrue(
        odd.err().contains("expected INPUT OUTPUT pairs, but " + template + " has no OUTPUT"),
        odd.err());
    assertEquals(List.of("t.template"), names());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
