package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.Checksum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarTimeTest {
  @TempDir Path temp;

  @Test
  void theTimeIsOneSecondAfterTheEpochPlusTheDigestsFirstThirtyBits() {
    assertEquals(Instant.ofEpochSecond(1), JarTime.ofSha256("00000000" + "ab".repeat(28)));
    assertEquals(Instant.ofEpochSecond(1 << 30), JarTime.ofSha256("ffffffff" + "00".repeat(28)));
    assertEquals(
        Instant.ofEpochSecond(1 + (1 << 29)), JarTime.ofSha256("80000003" + "00".repeat(28)));
  }

  @Test
  void onlyJarsGetIt() {
    assertTrue(JarTime.appliesTo("/usr/share/java/kafka/kafka_2.13-4.4.0.jar"));
    assertTrue(JarTime.appliesTo("/etc/kafka-connect/jars/driver.JAR"));
    assertFalse(JarTime.appliesTo("/etc/kafka/kafka.properties"));
    assertFalse(JarTime.appliesTo("/usr/share/java/kafka/jar"));
  }

  /**
   * The base images' training runs the source file as a program, {@code java JarTime.java JAR...},
   * to place the jars with the times the image build gives them: it must compile on its own and
   * print the same times.
   */
  @Test
  void theSourceFileRunAsAProgramPrintsEachJarsTime() throws Exception {
    Path first = Files.writeString(temp.resolve("a.jar"), "first");
    Path second = Files.writeString(temp.resolve("b.jar"), "second");
    Path source = Path.of("src/main/java/io/cpimage/build/JarTime.java");
    String java = ProcessHandle.current().info().command().orElseThrow();

    Process program =
        new ProcessBuilder(java, source.toString(), first.toString(), second.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(program.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, program.waitFor(), output);
    assertEquals(
        List.of(
            "@" + JarTime.ofSha256(Checksum.sha256Of(first).hex()).getEpochSecond(),
            "@" + JarTime.ofSha256(Checksum.sha256Of(second).hex()).getEpochSecond()),
        output.lines().toList());
  }
}
