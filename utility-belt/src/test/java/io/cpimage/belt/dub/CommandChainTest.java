package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dub <command> ';' <command>...}: what a boot script's configure runs in one JVM. */
class CommandChainTest {

  private static final Map<String, String> ENV = Map.of("X", "1");

  @TempDir Path dir;

  @Test
  void everyCommandRunsInOrder() throws Exception {
    Path template = Files.writeString(dir.resolve("t"), "x={{ env['X'] }}\n");
    Path output = dir.resolve("out");
    DubRun run =
        dub(
            ENV,
            "ensure",
            "X",
            ";",
            "path",
            dir.toString(),
            "writable",
            ";",
            "ensure-atleast-one",
            "X",
            "Y",
            ";",
            "template",
            template.toString(),
            output.toString());
    assertEquals(new DubRun(0, "", ""), run);
    assertEquals("x=1", Files.readString(output));
  }

  @Test
  void theFirstFailingCommandEndsTheChainWithItsOwnMessageAndCode() throws Exception {
    Path template = Files.writeString(dir.resolve("t"), "x={{ env['X'] }}\n");
    Path output = dir.resolve("out");
    String[] failing = {"path", dir.resolve("missing").toString(), "exists"};
    DubRun run =
        dub(
            ENV,
            "ensure",
            "X",
            ";",
            failing[0],
            failing[1],
            failing[2],
            ";",
            "template",
            template.toString(),
            output.toString());
    assertEquals(new DubRun(1, "", failedLine(failing)), run);
    assertEquals(dub(ENV, failing), run);
    assertFalse(Files.exists(output), "a command after the failing one ran");
  }

  @Test
  void aMissingVariableIsReportedAsByEnsureAlone() {
    DubRun run = dub(ENV, "ensure", "X", "Y", "Z", ";", "path", dir.toString(), "writable");
    assertEquals(dub(ENV, "ensure", "X", "Y", "Z"), run);
    assertEquals(
        "Y is required."
            + System.lineSeparator()
            + "Z is required."
            + System.lineSeparator()
            + failedLine("ensure", "X", "Y", "Z"),
        run.err());
  }

  @Test
  void aTemplateErrorIsReportedAsByTemplateAlone() throws Exception {
    Path template = Files.writeString(dir.resolve("bad"), "{{ unclosed\n");
    String[] rendering = {"template", template.toString(), dir.resolve("o").toString()};
    DubRun run = dub(ENV, "ensure", "X", ";", rendering[0], rendering[1], rendering[2]);
    assertEquals(1, run.code());
    assertEquals(dub(ENV, rendering), run);
  }

  @Test
  void aUsageErrorInALaterCommandExits2AsThatCommandAlone() {
    String[] unknownMode = {"path", "/", "existence"};
    DubRun run = dub(ENV, "ensure", "X", ";", unknownMode[0], unknownMode[1], unknownMode[2]);
    assertEquals(2, run.code());
    assertEquals(dub(ENV, unknownMode), run);
  }

  @Test
  void anEmptyCommandIsAUsageErrorAndNothingRuns() throws Exception {
    Path template = Files.writeString(dir.resolve("t"), "x\n");
    Path output = dir.resolve("out");
    assertEquals(
        new DubRun(
            2,
            "",
            "dub: no command after the ';' at argument 4: write dub <command> [<args>] ';'"
                + " <command> [<args>]"
                + System.lineSeparator()),
        dub(ENV, "template", template.toString(), output.toString(), ";"));
    assertFalse(Files.exists(output), "the template was rendered before the usage error");
    assertEquals(2, dub(ENV, ";", "ensure", "X").code());
    assertEquals(
        "dub: no command before the ';' at argument 4: write dub <command> [<args>] ';'"
            + " <command> [<args>]"
            + System.lineSeparator(),
        dub(ENV, "ensure", "X", ";", ";", "ensure", "X").err());
  }
}
