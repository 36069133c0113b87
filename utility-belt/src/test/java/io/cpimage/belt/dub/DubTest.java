package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DubTest {

  @Test
  void withoutACommandPrintsUsageOnStderrAndExits2() {
    DubRun run = dub();
    assertEquals(2, run.code());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("Usage: dub "), run.err());
    assertTrue(run.err().contains("ensure-atleast-one"), run.err());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    DubRun run = dub("frobnicate");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("Unmatched argument at index 0: 'frobnicate'"), run.err());
  }

  @Test
  void helpGoesToStdoutAndExits0() {
    DubRun run = dub("--help");
    assertEquals(0, run.code());
    assertTrue(run.out().contains("http-ready"), run.out());
  }
}
