package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.verify.smoke.SingleNodeKRaft;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.Network;

/**
 * The linux/arm64 variant of the Kafka 4 line's cp-kafka, run under qemu-user-static emulation: its
 * two platform tars are pushed to a local registry as one image index (cp-image:push-platforms, as
 * scripts/push-platforms.sh runs it), the arm64 variant is pulled from it by platform, and boots a
 * KRaft node that serves a produce and a consume. Needs the images built with {@code
 * -Dimages.arm64} and the arm64 binfmt handler ({@code scripts/binfmt.sh}); without either it is
 * skipped loudly (failed in CI).
 */
@ExtendWith(DockerRequired.class)
class Arm64IT {
  /** Every JVM runs some ten times slower under emulation: the node's start takes minutes. */
  private static final Duration START = Duration.ofMinutes(10);

  private static final Path BINFMT_HANDLER = Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64");
  private static final Path REPOSITORY_ROOT = Path.of(System.getProperty("cp-image.root", "../.."));
  private static final Path KAFKA_TARGET = REPOSITORY_ROOT.resolve("base-images/cp-kafka/target");
  private static final Path REGISTRY_STATE = Path.of("target/arm64-registry");

  private static String registry;
  private static String pulled;

  @BeforeAll
  static void pushBothPlatformsAndPullArm64() throws Exception {
    if (!Files.isRegularFile(BINFMT_HANDLER)
        || !Files.readString(BINFMT_HANDLER).contains("enabled")) {
      DockerRequired.skipOrFail(
          "No arm64 binfmt handler ("
              + BINFMT_HANDLER
              + "): this machine cannot run arm64 programs, so Arm64IT cannot run; register it"
              + " with `bash scripts/binfmt.sh` (root).");
    }
    Path arm64Tar = KAFKA_TARGET.resolve("image-kafka4-arm64.tar");
    if (!Files.isRegularFile(arm64Tar)) {
      DockerRequired.skipOrFail(
          "No arm64 cp-kafka ("
              + arm64Tar
              + "): Arm64IT needs the images built for linux/arm64 too, with -Dimages.arm64.");
    }
    registry = "127.0.0.1:" + HostPorts.free();
    script("local-registry.sh", "start", REGISTRY_STATE.toString(), registry.split(":")[1]);
    String repository = System.getProperty("cp-image.images.repository") + "/cp-kafka";
    String tag = Line.KAFKA_4.tag();
    // What scripts/push-platforms.sh runs (the goal, in the image's module), named by the test.
    List<String> push =
        new ArrayList<>(
            List.of(
                REPOSITORY_ROOT.resolve("mvnw").toString(),
                "-B",
                "-q",
                "-f",
                KAFKA_TARGET.resolveSibling("pom.xml").toString(),
                "cp-image:push-platforms",
                "-Dcp-image.push.images="
                    + KAFKA_TARGET.resolve("image-kafka4.tar")
                    + ","
                    + arm64Tar,
                "-Dcp-image.to.image=" + registry + "/" + repository + ":" + tag,
                "-Dcp-image.allowInsecureRegistries=true",
                "-Dcp-image.platforms=linux/amd64,linux/arm64"));
    String localRepository = System.getProperty("cp-image.localRepository");
    if (localRepository != null) {
      // Where this build installed the plugin (the default otherwise, as for a user).
      push.add("-Dmaven.repo.local=" + localRepository);
    }
    command(push.toArray(String[]::new));
    pulled = registry + "/" + repository + ":" + tag;
    command("docker", "pull", "--platform", "linux/arm64", pulled);
  }

  @AfterAll
  static void removeImageAndRegistry() throws Exception {
    if (pulled != null) {
      command("docker", "rmi", pulled);
    }
    if (registry != null) {
      script("local-registry.sh", "stop", REGISTRY_STATE.toString());
    }
  }

  @Test
  void theRegistryHoldsAnIndexOfBothPlatforms() throws Exception {
    String repository = System.getProperty("cp-image.images.repository") + "/cp-kafka";
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://"
                        + registry
                        + "/v2/"
                        + repository
                        + "/manifests/"
                        + Line.KAFKA_4.tag()))
            .header("Accept", "application/vnd.docker.distribution.manifest.list.v2+json")
            .build();
    String index =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(index.contains("\"architecture\":\"amd64\""), index);
    assertTrue(
        index.contains("\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\""), index);
  }

  @Test
  void arm64KafkaServesAProduceAndAConsumeUnderEmulation() {
    try (Network network = Network.newNetwork();
        CpContainer kafka =
            CpContainer.kraftNode(pulled, network, "arm64")
                .waitingForLog(SingleNodeKRaft.SERVER_STARTED, START)) {
      kafka.start();
      ExecResult machine = kafka.run("uname", "-m");
      assertEquals("aarch64", machine.getStdout().strip(), machine.getStderr());
      ExecResult java = kafka.bash("readlink -f \"$(command -v java)\"");
      assertTrue(java.getStdout().contains("-arm64/"), java.getStdout());

      KafkaKRaftIT.produceOneToTen(kafka, "arm64:9092", "emulated");
      KafkaKRaftIT.assertConsumesOneToTen(kafka, "arm64:9092", "emulated");
    }
  }

  private static void script(String name, String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("bash", REPOSITORY_ROOT.resolve("scripts/" + name).toString()));
    command.addAll(List.of(arguments));
    command(command.toArray(String[]::new));
  }

  private static void command(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }
}
