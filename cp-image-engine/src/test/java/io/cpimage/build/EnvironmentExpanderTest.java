package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentExpanderTest {
  private final Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "JAVA_HOME", "/opt/jdk");

  @Test
  void expandsBothFormsAgainstTheImageEnvironment() {
    assertEquals("/opt/x/bin:/usr/bin:/bin", EnvironmentExpander.expand("/opt/x/bin:$PATH", env));
    assertEquals(
        "/opt/jdk/bin:/usr/bin:/bin", EnvironmentExpander.expand("${JAVA_HOME}/bin:$PATH", env));
  }

  @Test
  void unknownNamesAreEmptyAndDoubleDollarIsLiteral() {
    assertEquals("a--b", EnvironmentExpander.expand("a-$NOPE-b", env));
    assertEquals("cost $5", EnvironmentExpander.expand("cost $$5", env));
    assertEquals("no variables", EnvironmentExpander.expand("no variables", env));
  }
}
