package io.cpimage.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    return Main.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  @Test
  void routesDubCommandsWithTheGivenEnvironment() {
    assertEquals(0, run(Map.of("X", "1"), "dub", "ensure", "X"));
    assertEquals(1, run(Map.of(), "dub", "ensure", "X"));
    assertTrue(err.toString().startsWith("X is required."), err.toString());
  }

  @Test
  void withoutAToolOrWithAnUnknownOneItIsAUsageError() {
    assertEquals(2, run(Map.of()));
    assertEquals(2, run(Map.of(), "bub"));
    assertTrue(err.toString().contains("Unknown tool 'bub'"), err.toString());
  }
}
