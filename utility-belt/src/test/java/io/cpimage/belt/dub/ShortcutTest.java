package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which calls skip picocli, and that they end exactly as picocli's would. */
class ShortcutTest {

  @TempDir Path dir;

  private static int shortcut(Map<String, String> env, String... args) {
    return Shortcut.run(env, new PrintWriter(new StringWriter()), args);
  }

  @Test
  void plainEnsurePathAndTemplateCallsSkipPicocli() throws Exception {
    Path template = Files.writeString(dir.resolve("t"), "x={{ env['X'] }}\n");
    Path output = dir.resolve("out");
    Map<String, String> env = Map.of("X", "1");
    assertEquals(0, shortcut(env, "ensure", "X"));
    assertEquals(1, shortcut(env, "ensure", "X", "Y"));
    assertEquals(0, shortcut(env, "path", dir.toString(), "writable"));
    assertEquals(1, shortcut(env, "path", dir.resolve("nope").toString(), "exists"));
    assertEquals(0, shortcut(env, "template", template.toString(), output.toString()));
    assertEquals("x=1", Files.readString(output));
  }

  @Test
  void optionsArgumentFilesWrongCountsAndUnknownModesGoToPicocli() {
    Map<String, String> env = Map.of("X", "1");
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "ensure"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "ensure", "-h"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "ensure", "@args"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "path", "/", "existence"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "path", "/"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "template", "in"));
    assertEquals(Shortcut.NOT_TAKEN, shortcut(env, "wait", "localhost", "1", "1"));
  }

  @Test
  void aShortcutFailureEndsWithTheFailedLine() {
    assertEquals(
        new DubRun(1, "", "Y is required." + System.lineSeparator() + failedLine("ensure", "Y")),
        dub(Map.of(), "ensure", "Y"));
  }

  @Test
  void aTemplateThatFailsInTheShortcutIsReportedAsByPicocli() throws Exception {
    Path template = Files.writeString(dir.resolve("bad"), "{{ unclosed\n");
    DubRun run = dub(Map.of(), "template", template.toString(), dir.resolve("o").toString());
    assertEquals(1, run.code());
    assertTrue(run.err().startsWith("dub template: " + template + ":1:"), run.err());
    assertFalse(Files.exists(dir.resolve("o")), "an output was written");
  }
}
