package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.connector.ConnectorSource;
import io.cpimage.testing.ClassJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds that share the user's caches (the base read, the connector unpacked and scanned) at the
 * same moment, cold: two in threads of this JVM and one in a second JVM, as {@code mvn -T} and two
 * CI jobs on one machine would. Each gets its image, and the cache is left whole.
 */
class ConcurrentBuildsTest {
  @TempDir Path temp;

  /** The same image for every build; only the work directory and the target tar differ. */
  static ImageSpec spec(Path base, Path archive, Path cache, String name) throws Exception {
    Path directory = base.getParent();
    return ImageSpec.builder(
            ImageLocation.parse("tar://" + base, "<from><image>", directory),
            ImageLocation.parse(
                "tar://" + directory.resolve(name + ".tar"), "<to><image>", directory),
            directory.resolve("work-" + name))
        .tarImageName("test/concurrent:1")
        .connectors(
            List.of(
                new ImageSpec.ConnectorSpec(
                    "file",
                    new ConnectorSource.LocalFile(archive, null),
                    List.of(),
                    "<connectors><connector>")))
        .utilityBelt(false)
        .downloadCache(cache)
        .build();
  }

  /**
   * The build in the second JVM: {@code <base> <archive> <cache> <name> <go file>}; starts when the
   * go file appears, so that it runs at the same moment as the test's own builds.
   */
  public static void main(String[] arguments) throws Exception {
    Path go = Path.of(arguments[4]);
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        !Files.exists(go) && System.nanoTime() < deadline; ) {
      Thread.sleep(5);
    }
    ImageBuild.run(
        spec(Path.of(arguments[0]), Path.of(arguments[1]), Path.of(arguments[2]), arguments[3]),
        event -> {});
  }

  @Test
  void buildsSharingTheCachesAtOnceEachGetTheirImageAndLeaveTheCacheWhole() throws Exception {
    Path base = ImageBuildTest.baseTar(temp);
    Path archive = temp.resolve("file-connector-1.0.zip");
    Path jar = ClassJars.jarOf(FileStreamSourceConnector.class);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(archive)) {
      out.putArchiveEntry(new ZipArchiveEntry("file-connector/lib/" + jar.getFileName()));
      out.write(Files.readAllBytes(jar));
      out.closeArchiveEntry();
    }
    Path cache = temp.resolve("cache");
    Path go = temp.resolve("go");
    Process other =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ConcurrentBuildsTest.class.getName(),
                base.toString(),
                archive.toString(),
                cache.toString(),
                "jvm",
                go.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("jvm.log").toFile())
            .start();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Thread.sleep(1500); // the other JVM's start, so that all three build at once
      List<Future<BuildReport>> builds = new ArrayList<>();
      Files.writeString(go, "go");
      for (String name : List.of("thread-1", "thread-2")) {
        builds.add(
            threads.submit(
                () -> ImageBuild.run(spec(base, archive, cache, name), e -> {}).report()));
      }
      List<BuildReport> reports = new ArrayList<>();
      for (Future<BuildReport> build : builds) {
        reports.add(build.get(5, TimeUnit.MINUTES));
      }
      assertTrue(other.waitFor(5, TimeUnit.MINUTES));
      assertEquals(0, other.exitValue(), Files.readString(temp.resolve("jvm.log")));
      reports.add(BuildReport.read(temp.resolve("work-jvm/report.json")));

      // Each build has its image: the same one, as the inputs are the same, with the connector.
      BuildReport afterwards =
          ImageBuild.run(spec(base, archive, cache, "afterwards"), e -> {}).report();
      for (BuildReport report : reports) {
        assertEquals(afterwards.digest(), report.digest());
        assertEquals(
            List.of(
                "org.apache.kafka.connect.file.FileStreamSinkConnector",
                "org.apache.kafka.connect.file.FileStreamSourceConnector"),
            report.pluginClasses());
      }
      for (String name : List.of("thread-1", "thread-2", "jvm", "afterwards")) {
        assertTrue(Files.size(temp.resolve(name + ".tar")) > 0, name);
      }
      // The cache is whole: one entry each (the base's file tree and config), readable, and
      // nothing half-written left over.
      assertEquals(List.of(), leftovers(cache));
      assertEquals(2, entries(cache.resolve("base-images")));
      assertEquals(1, entries(cache.resolve("connectors/unpacked")));
      assertTrue(
          BaseImageCache.in(cache).filesystem(afterwards.baseImageId()).isPresent(),
          "the base's entry reads back");
      assertTrue(
          BaseImageCache.in(cache).config(afterwards.baseImageId()).isPresent(),
          "the base's config reads back");
    } finally {
      threads.shutdownNow();
      other.destroyForcibly();
    }
  }

  private static List<Path> leftovers(Path cache) throws IOException {
    try (Stream<Path> walk = Files.walk(cache)) {
      return walk.filter(
              path -> {
                String name = path.getFileName().toString();
                return name.startsWith(".tmp-") || name.startsWith(".discarded-");
              })
          .toList();
    }
  }

  private static long entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.count();
    }
  }
}
