package io.cpimage.belt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.template.TemplateRendererTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher scripts as images run them, against the packaged jar. */
class LaunchersIT {

  private static final Path JAR = Path.of(System.getProperty("utility-belt.jar"));
  private static final Path LAUNCHERS = Path.of(System.getProperty("utility-belt.launchers"));

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  private Result launch(Path jar, Map<String, String> env, String tool, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(LAUNCHERS.resolve(tool).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("UTILITY_BELT_JAR", jar.toString());
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** One file is installed as dub, cub and ub, and runs as the tool it is called as. */
  @Test
  void theLauncherRunsOnlyAsDubCubOrUb() throws Exception {
    Path renamed = Files.createSymbolicLink(dir.resolve("belt"), LAUNCHERS.resolve("launcher"));
    Process process =
        new ProcessBuilder(renamed.toString(), "ensure", "HOME").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");

    assertEquals(1, process.exitValue(), output);
    assertEquals(
        renamed
            + ": the utility belt's launcher runs as dub, cub or ub, not as 'belt': call it by one"
            + " of those names\n",
        output);
    for (String tool : List.of("dub", "cub", "ub")) {
      assertEquals(
          LAUNCHERS.resolve("launcher").toRealPath(),
          LAUNCHERS.resolve(tool).toRealPath(),
          tool + " is the launcher");
    }
  }

  @Test
  void theBuildLeavesAnAppCdsArchiveNextToTheJar() {
    assertTrue(Files.isRegularFile(JAR.resolveSibling("utility-belt.jsa")));
  }

  /**
   * The training behind the start-up archives renders with a settings catalogue, so the boot's
   * settings check, which every configure runs after its templates, starts from the archive too.
   */
  @Test
  void theArchiveTrainingRunsTheBootSettingsCheck() throws IOException {
    List<String> classes = Files.readAllLines(JAR.resolveSibling("utility-belt.classlist"));
    for (String name : List.of("SettingsCatalogue", "SettingsCheck", "Setting", "Nearest")) {
      String entry = "io/cpimage/belt/settings/" + name;
      assertTrue(
          classes.stream().anyMatch(line -> line.equals(entry) || line.startsWith(entry + " ")),
          name + " is not in the training's class list");
    }
  }

  @Test
  void dubRendersAndChecksThroughTheLauncher() throws Exception {
    Path template =
        Files.writeString(dir.resolve("t.template"), "id={{ env['KAFKA_BROKER_ID'] }}\n");
    Path output = dir.resolve("kafka.properties");
    Map<String, String> env = Map.of("KAFKA_BROKER_ID", "3");
    assertEquals(
        new Result(0, "", ""),
        launch(JAR, env, "dub", "template", template.toString(), output.toString()));
    assertEquals("id=3", Files.readString(output));
    assertEquals(new Result(0, "", ""), launch(JAR, env, "dub", "ensure", "KAFKA_BROKER_ID"));
    assertEquals(
        new Result(1, "", "NOPE is required.\nCommand [dub ensure NOPE] FAILED !\n"),
        launch(JAR, env, "dub", "ensure", "NOPE"));
    assertEquals(2, launch(JAR, env, "dub", "path", "/", "bogus").code());
  }

  /**
   * The build rewrites the jar's Java 5 class files (the EL engine, picocli) to Java 8's format,
   * which start-up archives can hold, with the same instructions: the reference templates render
   * through the packaged jar exactly as through the classes.
   */
  @Test
  void thePackagedJarHoldsNoClassFileOlderThanJava6AndRendersAsBefore() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile(), false)) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (entry.getName().endsWith(".class")) {
          try (InputStream in = jar.getInputStream(entry)) {
            byte[] header = in.readNBytes(8);
            assertTrue((header[6] << 8 | header[7] & 0xff) >= 50, entry.getName() + " is older");
          }
        }
      }
    }
    Path output = dir.resolve("kafka.properties");
    assertEquals(
        new Result(0, "", ""),
        launch(
            JAR,
            TemplateRendererTest.BROKER_ENV,
            "dub",
            "template",
            TemplateRendererTest.template("kafka.properties.template").toString(),
            output.toString()));
    assertEquals(
        TemplateRendererTest.expected("kafka.properties.expected"), Files.readString(output));
  }

  @Test
  void anArchiveThatDoesNotMatchIsIgnoredWithoutAWord() throws Exception {
    // A copy of the jar with another modification time no longer matches the archive.
    Path jar = Files.copy(JAR, dir.resolve("utility-belt.jar"));
    Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
    Files.copy(JAR.resolveSibling("utility-belt.jsa"), dir.resolve("utility-belt.jsa"));
    assertEquals(new Result(0, "", ""), launch(jar, Map.of("X", "1"), "dub", "ensure", "X"));
    Files.writeString(dir.resolve("utility-belt.jsa"), "not an archive");
    assertEquals(new Result(0, "", ""), launch(jar, Map.of("X", "1"), "dub", "ensure", "X"));
  }

  @Test
  void aBootScriptsEnsureLoadsNoPicocliClass() throws Exception {
    Process process =
        new ProcessBuilder("java", "-verbose:class", "-jar", JAR.toString(), "dub", "ensure", "X")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("classes").toFile())
            .start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java did not finish");
    String classes = Files.readString(dir.resolve("classes"));
    assertTrue(classes.contains("io.cpimage.belt.dub.EnsureCommand"), "no verb ran");
    assertFalse(classes.contains("picocli."), "picocli was loaded for a plain dub ensure");
  }

  /**
   * The checks run from the jar of the belt's own classes (beside the whole jar, as in the images):
   * a plain check loads no class from the whole jar, and a usage error, which picocli reports,
   * still finds picocli there and reads as before.
   */
  @Test
  void theChecksRunFromTheBeltsOwnClassesInFrontOfTheWholeJar() throws Exception {
    Path jar = Files.copy(JAR, dir.resolve("utility-belt.jar"));
    Path checks = JAR.resolveSibling("utility-belt-checks.jar");
    Files.copy(checks, dir.resolve("utility-belt-checks.jar"));
    Path classes = dir.resolve("classes.txt");
    Map<String, String> env =
        Map.of("X", "1", "JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=" + classes);

    for (String[] check :
        List.of(
            new String[] {"dub", "ensure", "X", ";", "path", "/", "exists"},
            new String[] {"ub", "ensure", "X"},
            new String[] {"cub", "listeners", "PLAINTEXT://kafka:9092"})) {
      Result result = launch(jar, env, check[0], Arrays.copyOfRange(check, 1, check.length));
      assertEquals(0, result.code(), String.join(" ", check) + ": " + result.err());
      String loaded = Files.readString(classes);
      assertTrue(
          loaded.contains("source: file:" + dir.resolve("utility-belt-checks.jar")),
          String.join(" ", check) + " did not run from the checks jar:\n" + loaded);
      assertFalse(
          loaded.contains("source: file:" + jar),
          String.join(" ", check) + " loaded classes from the whole jar");
    }

    Result usage = launch(jar, Map.of(), "dub", "path", "/", "bogus");
    assertEquals(2, usage.code(), usage.err());
    assertTrue(usage.err().contains("bogus"), usage.err());
    assertEquals(usage, launchWithout(checks, "dub", "path", "/", "bogus"));
  }

  /** The same call with only the whole jar, as before the checks jar existed. */
  private Result launchWithout(Path checks, String tool, String... args) throws Exception {
    Path alone = Files.createDirectories(dir.resolve("alone"));
    Path jar = Files.copy(JAR, alone.resolve("utility-belt.jar"));
    assertFalse(Files.exists(alone.resolve(checks.getFileName())));
    return launch(jar, Map.of(), tool, args);
  }

  /**
   * Which AOT cache the launcher passes to java. A stub java on the PATH prints its arguments: a
   * JDK 25 is not guaranteed where the tests run, and only the launcher's choice is under test here
   * (the images' tests run the real caches).
   */
  @Test
  void anAotCacheIsUsedOnlyForTheJarWhoseCentralDirectoryItWasMadeFor() throws Exception {
    Path jar = Files.copy(JAR, dir.resolve("utility-belt.jar"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
    java.toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
    Path cache = Files.writeString(dir.resolve("utility-belt.template.aot"), "");
    assertFalse(
        launch(jar, env, "dub", "template", "a", "b").out().contains("AOTCache"),
        "a cache without the end of the jar it was trained with is used");

    byte[] bytes = Files.readAllBytes(jar);
    int offset = centralDirectoryOffset(bytes);
    byte[] end = Arrays.copyOfRange(bytes, offset, bytes.length);
    // Another jar: one entry's CRC differs (the directory's first entry, 16 bytes into it), as
    // after a rebuild that kept every size.
    byte[] otherEnd = end.clone();
    otherEnd[16] ^= 1;
    Path trained = Files.write(dir.resolve("utility-belt.trained-end." + offset), otherEnd);
    assertFalse(
        launch(jar, env, "dub", "template", "a", "b").out().contains("AOTCache"),
        "a cache trained on another jar of the same size is used");
    Files.delete(trained);
    // The same bytes, said to start elsewhere in the jar.
    trained = Files.write(dir.resolve("utility-belt.trained-end." + (offset - 1)), end);
    assertFalse(
        launch(jar, env, "dub", "template", "a", "b").out().contains("AOTCache"),
        "a cache trained on a jar of another size is used");
    Files.delete(trained);

    Files.write(dir.resolve("utility-belt.trained-end." + offset), end);
    assertTrue(
        launch(jar, env, "dub", "template", "a", "b").out().contains("-XX:AOTCache=" + cache),
        "the matching cache is not used");
    // Other verb groups have no cache here.
    assertFalse(launch(jar, env, "ub", "render-template", "t").out().contains("AOTCache"));
    assertFalse(launch(jar, env, "dub", "ensure", "X").out().contains("AOTCache"));
    // A configure script's chain renders templates after its checks: the template cache serves it.
    assertTrue(
        launch(
                jar,
                env,
                "dub",
                "ensure",
                "X",
                ";",
                "path",
                "/",
                "writable",
                ";",
                "template",
                "a",
                "b")
            .out()
            .contains("-XX:AOTCache=" + cache),
        "a chain ending in template does not get the template cache");
    assertFalse(
        launch(jar, env, "dub", "ensure", "X", ";", "path", "/", "writable")
            .out()
            .contains("AOTCache"),
        "a chain of checks got a cache");
  }

  /**
   * dub's JVM compiles only methods that run ten times as often as the JDK's default asks: a call
   * runs jinjava's set-up once, and C1 compiled much of it for nothing (the images' benchmark
   * measures the effect; a stub java shows the option is passed).
   */
  @Test
  void dubRaisesTheCompileThresholds() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\"\n");
    java.toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", bin + ":/usr/bin:/bin");
    for (List<String> args : List.of(List.of("template", "a", "b"), List.of("ensure", "X"))) {
      assertTrue(
          launch(JAR, env, "dub", args.toArray(String[]::new))
              .out()
              .contains("-XX:CompileThresholdScaling=10 "),
          "dub " + args + " runs with the default compile thresholds");
    }
  }

  @Test
  void aChainRunsThroughTheLauncherAndStopsAtTheFirstFailure() throws Exception {
    Path template = Files.writeString(dir.resolve("t.template"), "id={{ env['X'] }}\n");
    Path output = dir.resolve("out.properties");
    Map<String, String> env = Map.of("X", "3");
    assertEquals(
        new Result(0, "", ""),
        launch(
            JAR,
            env,
            "dub",
            "ensure",
            "X",
            ";",
            "template",
            template.toString(),
            output.toString()));
    assertEquals("id=3", Files.readString(output));
    assertEquals(
        new Result(1, "", "NOPE is required.\nCommand [dub ensure X NOPE] FAILED !\n"),
        launch(JAR, env, "dub", "ensure", "X", "NOPE", ";", "template", "/nonexistent", "/x"));
  }

  /** Where the jar's central directory starts, as its end record (the last 22 bytes) says. */
  private static int centralDirectoryOffset(byte[] jar) {
    java.nio.ByteBuffer end =
        java.nio.ByteBuffer.wrap(jar, jar.length - 22, 22).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x06054b50, end.getInt(jar.length - 22), "no end record where the launchers look");
    return end.getInt(jar.length - 22 + 16);
  }

  @Test
  void cubLauncherRunsTheCubTool() throws Exception {
    Result result = launch(JAR, Map.of(), "cub");
    assertFalse(result.err().contains("Unknown tool"), result.err());
    assertFalse(result.err().contains("dub"), result.err());
  }

  @Test
  void ubLauncherRunsTheUbTool() throws Exception {
    // ub without a verb prints nothing and exits 0; the tool's usage would name (dub|cub|ub).
    assertEquals(new Result(0, "", ""), launch(JAR, Map.of(), "ub"));
    assertEquals(new Result(0, "", ""), launch(JAR, Map.of("X", ""), "ub", "ensure", "X"));
  }
}
