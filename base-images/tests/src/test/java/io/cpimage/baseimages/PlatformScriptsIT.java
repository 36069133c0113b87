package io.cpimage.baseimages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-platform build's scripts refuse what cannot work before they change anything: a
 * platform they do not know, an architecture this machine cannot run. riscv64 stands for an
 * architecture without a registered binfmt handler (this project registers arm64 only), on a
 * machine of any other architecture.
 */
class PlatformScriptsIT {
  private static final Path ROOT = Path.of(System.getProperty("cp-image.root", "../.."));

  @Test
  void buildRefusesAnUnknownPlatformBeforeBuilding() throws Exception {
    Result result =
        run(Map.of("CP_IMAGE_PLATFORMS", "linux/amd64,linux/s390x"), "bash", "scripts/build.sh");
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains(
                "CP_IMAGE_PLATFORMS='linux/amd64,linux/s390x': unknown platform 'linux/s390x';"
                    + " write a comma-separated list of linux/amd64 and linux/arm64"),
        result.output());
    assertFalse(result.output().contains("docker-engine:"), result.output());
  }

  @Test
  void osLayerForAnArchitectureWithoutBinfmtIsRefusedNamingTheFix(@TempDir Path cache)
      throws Exception {
    Path output = cache.resolve("out/os.tar");
    Result result =
        run(
            Map.of("XDG_CACHE_HOME", cache.toString()),
            "bash",
            "base-images/os/make-os-tar.sh",
            output.toString(),
            "trixie",
            "25",
            "riscv64");
    assertEquals(1, result.exitCode(), result.output());
    // Root is asked for first (debootstrap needs it), then the handler.
    String expected =
        "root".equals(System.getProperty("user.name"))
            ? "cannot run riscv64 programs on this "
                + hostArchitecture()
                + " machine: no binfmt_misc handler"
                + " /proc/sys/fs/binfmt_misc/qemu-riscv64 with the F flag.\n"
                + "  Register it (as root): bash scripts/binfmt.sh"
            : "making it needs root";
    assertTrue(result.output().contains(expected), result.output());
    assertFalse(Files.exists(output), "nothing written");
    assertFalse(result.output().contains("debootstrap --arch"), result.output());
  }

  @Test
  void binfmtWithoutRootSaysLoudlyThatItCannot() throws Exception {
    Result result =
        run(
            Map.of(),
            "setpriv",
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            "bash",
            "scripts/binfmt.sh",
            "riscv64");
    assertEquals(1, result.exitCode(), result.output());
    assertTrue(
        result
            .output()
            .contains(
                "binfmt: CANNOT RUN riscv64 PROGRAMS on this machine: no handler"
                    + " /proc/sys/fs/binfmt_misc/qemu-riscv64, and only root can register one (run"
                    + " this script as root)"),
        result.output());
  }

  /** This machine's architecture as Debian names it (amd64, arm64), which the script reports. */
  private static String hostArchitecture() throws IOException, InterruptedException {
    Result dpkg = run(Map.of(), "dpkg", "--print-architecture");
    assertEquals(0, dpkg.exitCode(), dpkg.output());
    return dpkg.output().strip();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Map<String, String> environment, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(new ArrayList<>(List.of(command)))
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
