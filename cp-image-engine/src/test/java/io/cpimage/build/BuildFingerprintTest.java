package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.connector.ConnectorSource;
import io.cpimage.testing.ClassJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's fingerprint, tar to tar: a second build with nothing changed writes nothing and says
 * so; a change to any kind of input (the spec, the base, a connector, a library, an extra
 * directory) or to the target builds again, and the build after that is up to date once more.
 */
class BuildFingerprintTest {
  @TempDir Path temp;

  private String label = "one";

  private ImageSpec spec() throws Exception {
    return spec(temp, label);
  }

  static ImageSpec spec(Path temp, String label) throws Exception {
    return ImageSpec.builder(
            ImageLocation.parse("tar://" + temp.resolve("base.tar"), "<from><image>", temp),
            ImageLocation.parse("tar://" + temp.resolve("out.tar"), "<to><image>", temp),
            temp.resolve("work"))
        .tarImageName("test/up-to-date:1")
        .labels(Map.of("label", label))
        .connectors(
            List.of(
                new ImageSpec.ConnectorSpec(
                    "file",
                    new ConnectorSource.LocalFile(temp.resolve("connector"), null),
                    List.of(),
                    "<connectors><connector>")))
        .libraries(
            List.of(
                new ImageSpec.LibrarySpec(
                    new ConnectorSource.LocalFile(temp.resolve("driver.jar"), null),
                    null,
                    "<libraries><library>")))
        .extraDirectories(List.of(new ImageSpec.ExtraDirectory(temp.resolve("extra"), "/")))
        .utilityBelt(false)
        .downloadCache(temp.resolve("cache"))
        .build();
  }

  /** Writes what {@link #spec(Path, String)} reads: the base, a connector, a library, a file. */
  static void writeInputs(Path temp) throws Exception {
    ImageBuildTest.baseTar(temp);
    Path connector = Files.createDirectories(temp.resolve("connector"));
    Path jar = ClassJars.jarOf(FileStreamSourceConnector.class);
    Files.copy(jar, connector.resolve(jar.getFileName()));
    Files.writeString(temp.resolve("driver.jar"), "driver 1");
    Files.writeString(Files.createDirectories(temp.resolve("extra/opt")).resolve("a.txt"), "a");
  }

  /** Builds; true when the build said it was up to date. */
  private boolean upToDate() throws Exception {
    List<String> log = new ArrayList<>();
    ImageBuild.run(spec(), event -> log.add(event.getMessage()));
    return log.stream().anyMatch(line -> line.contains("is up to date"));
  }

  /** Every file the build may write, with its size and time. */
  private Map<String, String> written() throws Exception {
    Map<String, String> files = new TreeMap<>();
    for (Path root :
        List.of(temp.resolve("work"), temp.resolve("cache"), temp.resolve("out.tar"))) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.toList()) {
          files.put(
              path.toString(), Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis());
        }
      }
    }
    return files;
  }

  @Test
  void nothingChangedTouchesNothingAndAnyChangedInputBuildsAgain() throws Exception {
    Path base = ImageBuildTest.baseTar(temp);
    Path connector = Files.createDirectories(temp.resolve("connector"));
    Path jar = ClassJars.jarOf(FileStreamSourceConnector.class);
    Files.copy(jar, connector.resolve(jar.getFileName()));
    Files.writeString(temp.resolve("driver.jar"), "driver 1");
    Path extra = Files.createDirectories(temp.resolve("extra/opt"));
    Files.writeString(extra.resolve("hello.txt"), "hello 1");

    // As a project's files usually are: not written in the seconds before the build (a checksum
    // of a file changed that recently is not kept for later builds, which would be a write).
    FileTime earlier = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (Path input :
        List.of(
            base,
            connector.resolve(jar.getFileName()),
            temp.resolve("driver.jar"),
            extra.resolve("hello.txt"))) {
      Files.setLastModifiedTime(input, earlier);
    }
    assertFalse(upToDate());
    BuildReport first = BuildReport.read(temp.resolve("work/report.json"));
    Map<String, String> before = written();
    Thread.sleep(20);
    assertTrue(upToDate());
    assertEquals(before, written());
    assertEquals(first, BuildReport.read(temp.resolve("work/report.json")));

    Map<String, ThrowingChange> changes = new java.util.LinkedHashMap<>();
    changes.put("a label in the spec", () -> label = "two");
    changes.put(
        "the library's content", () -> Files.writeString(temp.resolve("driver.jar"), "driver 2"));
    changes.put(
        "the connector's content", () -> Files.writeString(connector.resolve("NOTICE"), "notice"));
    changes.put(
        "an extra directory's file",
        () -> Files.writeString(extra.resolve("hello.txt"), "hello 2"));
    // The last image is a valid base with another image ID, at the same path.
    changes.put(
        "the base image",
        () ->
            Files.copy(
                temp.resolve("out.tar"),
                temp.resolve("base.tar"),
                StandardCopyOption.REPLACE_EXISTING));
    changes.put(
        "the target tar's time",
        () -> Files.setLastModifiedTime(temp.resolve("out.tar"), FileTime.fromMillis(0)));
    changes.put("the target tar removed", () -> Files.delete(temp.resolve("out.tar")));
    Path stamp = temp.resolve("work/report.json.stamp");
    changes.put("the stamp removed", () -> Files.delete(stamp));
    changes.put(
        "the stamp damaged",
        () -> Files.writeString(stamp, Files.readString(stamp).replace("fingerprint=", "finger=")));
    changes.put(
        "the stamp cut short",
        () -> Files.write(stamp, Arrays.copyOf(Files.readAllBytes(stamp), 40)));
    changes.put("the report removed", () -> Files.delete(temp.resolve("work/report.json")));
    for (Map.Entry<String, ThrowingChange> change : changes.entrySet()) {
      change.getValue().apply();
      assertFalse(upToDate(), "built again after a change of " + change.getKey());
      assertTrue(upToDate(), "up to date after the build that followed " + change.getKey());
    }
    assertTrue(Files.isRegularFile(temp.resolve("out.tar")));
  }

  /**
   * The second build of {@link
   * #upToDateLoadsNoJsonDatabindNoHttpClientNoImageCodeAndNoRecordToString}: {@code <temp>}.
   */
  public static void main(String[] arguments) throws Exception {
    List<String> log = new ArrayList<>();
    BuildResult result =
        ImageBuild.run(spec(Path.of(arguments[0]), "one"), e -> log.add(e.getMessage()));
    if (!result.upToDate()) {
      throw new AssertionError("not up to date: " + log);
    }
  }

  @Test
  void upToDateLoadsNoJsonDatabindNoHttpClientNoImageCodeAndNoRecordToString() throws Exception {
    writeInputs(temp);
    assertFalse(upToDate());

    List<String> loaded = classesLoadedBy(BuildFingerprintTest.class, temp);
    assertEquals(List.of(), unwanted(loaded));
    assertTrue(
        loaded.stream().anyMatch(line -> line.contains(" com.fasterxml.jackson.core.JsonParser ")),
        "the base tar's manifest was read with jackson-core");
  }

  /** The classes a fresh JVM loaded running {@code main}'s {@code main(temp)}, one line each. */
  static List<String> classesLoadedBy(Class<?> main, Path temp) throws Exception {
    Path classes = temp.resolve("classes.log");
    Process second =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load:file=" + classes,
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                temp.toString())
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("second.log").toFile())
            .start();
    assertEquals(0, second.waitFor(), () -> read(temp.resolve("second.log")));
    return Files.readAllLines(classes);
  }

  /**
   * What of {@code loaded} a build with nothing changed should not load. jib's LogEvent (and its
   * interface) is the engine's log type, and ImageLocation.parse names jib's
   * InvalidImageReferenceException; nothing else of jib, no HTTP client made, and of Jackson only
   * jackson-core's streaming parser, which reads a base tar's manifest. Nor the bootstrap of a
   * record's toString, which cost a fresh JVM (Maven's) some 0.1 s.
   */
  static List<String> unwanted(List<String> loaded) {
    Set<String> allowed =
        Set.of(
            "com.google.cloud.tools.jib.api.LogEvent",
            "com.google.cloud.tools.jib.api.LogEvent$Level",
            "com.google.cloud.tools.jib.api.JibEvent",
            "com.google.cloud.tools.jib.api.InvalidImageReferenceException");
    return loaded.stream()
        .map(line -> line.split(" ")[1])
        .filter(
            name ->
                (name.startsWith("com.fasterxml.")
                        && !name.startsWith("com.fasterxml.jackson.core."))
                    || name.startsWith("jdk.internal.net.http.")
                    || name.startsWith("sun.security.ssl.")
                    || name.equals("java.lang.runtime.ObjectMethods")
                    || (name.startsWith("com.google.cloud.tools.jib.") && !allowed.contains(name)))
        .toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private interface ThrowingChange {
    void apply() throws Exception;
  }
}
