package it.skip;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MarkerTest {
  @Test
  void leavesAMarker() throws Exception {
    Path ran = Path.of("target", "ran");
    Files.createDirectories(ran);
    Files.writeString(ran.resolve("surefire"), "ran");
  }
}
