package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static io.cpimage.belt.dub.DubRun.failedLine;
import static io.cpimage.belt.dub.DubRun.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathWaitCommandTest {

  @TempDir Path dir;

  @Test
  void anExistingPathPassesAtOnce() {
    assertEquals(new DubRun(0, "", ""), dub("path-wait", dir.toString(), "0"));
  }

  @Test
  void waitsForAPathThatAppearsLater() throws Exception {
    Path later = dir.resolve("ready");
    CompletableFuture<Path> creator =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.createFile(later);
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
            },
            CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS));
    assertEquals(new DubRun(0, "", ""), dub("path-wait", later.toString(), "10"));
    creator.get();
  }

  @Test
  void timesOutWithConfluentsMessage() {
    String missing = dir.resolve("never").toString();
    long start = System.nanoTime();
    DubRun run = dub("path-wait", missing, "0.5");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        new DubRun(
            1, "", lines(missing + " does not exist") + failedLine("path-wait", missing, "0.5")),
        run);
    assertTrue(millis >= 450 && millis < 3000, "took " + millis + " ms");
  }

  @Test
  void aBadTimeoutIsAUsageError() {
    DubRun run = dub("path-wait", dir.toString(), "soon");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("'soon' is not a number of seconds"), run.err());
    assertEquals(2, dub("path-wait", dir.toString(), "-1").code());
  }
}
