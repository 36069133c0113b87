package io.cpimage.build;

import io.cpimage.CpImageLabels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The few calls to the {@code docker} CLI jib does not make for us. */
final class DockerCli {
  /**
   * Whether a call of this JVM got an answer from the daemon: every call here asks it something, so
   * one that succeeded spares the build a {@code docker version} of its own.
   */
  private static volatile boolean answered;

  private DockerCli() {}

  /** True when a Docker daemon answers within 30 seconds (or answered a call before). */
  static boolean daemonAnswers() {
    if (answered) {
      return true;
    }
    try {
      return run(List.of("version", "--format", "{{.Server.Version}}"), 30).exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** The platform the daemon runs images of ({@code linux/amd64}); empty when none answers. */
  static java.util.Optional<Platform> daemonPlatform() {
    try {
      Result result = run(List.of("version", "--format", "{{.Server.Os}}/{{.Server.Arch}}"), 30);
      return result.exitCode() == 0
          ? java.util.Optional.of(Platform.parse(result.output().strip(), "docker version"))
          : java.util.Optional.empty();
    } catch (IOException | ImageBuildException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The image's ID ({@code sha256:...}) in the daemon, or empty when the daemon has no such image.
   */
  static java.util.Optional<String> imageId(String image) {
    try {
      Result result = run(List.of("image", "inspect", "--format", "{{.Id}}", image), 60);
      return result.exitCode() == 0
          ? java.util.Optional.of(result.output().strip())
          : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * What one {@code docker image inspect} said: whether the daemon could be asked, the images it
   * has of those asked, in the order asked (one it lacks is left out), and those asked that its
   * refusal named as absent ({@code No such image: <name>}).
   */
  record Inspected(boolean answered, List<DaemonImages.Image> images, List<String> lacking) {}

  /** What the CLI's refusal of an image it lacks says before the name, lower case. */
  private static final String NO_SUCH_IMAGE = "no such image: ";

  /**
   * The ID and layers ({@code RootFS.Layers}, bottom first) of each of {@code images}, one call.
   */
  static Inspected images(List<String> images) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "image",
                "inspect",
                "--format",
                "image {{.Id}}{{range .RootFS.Layers}} {{.}}{{end}}"));
    arguments.addAll(images);
    try {
      // A missing image makes the call fail, but the others are still printed.
      Result result = run(arguments, 60);
      List<DaemonImages.Image> found =
          result
              .output()
              .lines()
              .filter(line -> line.startsWith("image "))
              .map(line -> List.of(line.substring("image ".length()).strip().split("\\s+")))
              .map(words -> new DaemonImages.Image(words.get(0), words.subList(1, words.size())))
              .toList();
      // A daemon lacking an image says so, naming it last on the line; one that cannot be reached
      // says something else.
      List<String> said = result.output().toLowerCase(Locale.ROOT).lines().toList();
      Set<String> refused =
          said.stream()
              .map(String::strip)
              .filter(line -> line.contains(NO_SUCH_IMAGE))
              .map(line -> line.substring(line.lastIndexOf(NO_SUCH_IMAGE) + NO_SUCH_IMAGE.length()))
              .collect(Collectors.toSet());
      List<String> lacking =
          images.stream()
              .filter(image -> refused.contains(image.toLowerCase(Locale.ROOT)))
              .toList();
      boolean answered =
          result.exitCode() == 0 || said.stream().anyMatch(line -> line.contains("no such image"));
      return new Inspected(answered, found, lacking);
    } catch (IOException e) {
      return new Inspected(false, List.of(), List.of());
    }
  }

  /**
   * {@code docker image inspect image}'s one object, as the CLI prints it; fails with its message.
   */
  static String inspect(String image, String where) throws ImageBuildException {
    return call(List.of("image", "inspect", image), where + " 'docker://" + image + "'").output();
  }

  /**
   * {@code docker history} of {@code image}, newest first: one JSON object per line with exact
   * sizes and full commands.
   */
  static List<String> history(String image, String where) throws ImageBuildException {
    return lines(
        List.of("history", "--no-trunc", "--human=false", "--format", "{{json .}}", image),
        where + " 'docker://" + image + "'");
  }

  /** Reads a stream to its end. */
  interface StreamReader {
    void read(InputStream in) throws IOException;
  }

  /** What is done with a container that {@link #inCreatedContainer} made. */
  interface ContainerWork<T> {
    T run(String container) throws ImageBuildException, IOException, InterruptedException;
  }

  /**
   * Runs {@code work} on a container created from {@code image} and never started, which is removed
   * after, with its volumes.
   */
  static <T> T inCreatedContainer(String image, String where, ContainerWork<T> work)
      throws ImageBuildException, IOException, InterruptedException {
    // The entrypoint is never run; it spares images without one docker's "no command" refusal.
    String container =
        call(
                List.of(
                    "create",
                    "--label",
                    CpImageLabels.EXPORT + "=true",
                    "--entrypoint",
                    "/cp-image-export",
                    image),
                where + " 'docker://" + image + "'")
            .output()
            .strip();
    try {
      return work.run(container);
    } finally {
      run(List.of("rm", "--force", "--volumes", container), 120);
    }
  }

  /**
   * Streams the file tree of the created {@code container} of {@code image} as one tar to {@code
   * reader}: {@code docker export}.
   */
  static void exportFiles(String container, String image, String where, StreamReader reader)
      throws ImageBuildException, IOException, InterruptedException {
    streamed(
        List.of("export", container),
        where + " 'docker://" + image + "'",
        "check that the daemon runs",
        reader);
  }

  /**
   * The content of the file {@code path} in {@code container} ({@code docker cp}); empty when it
   * has none there, or it cannot be read.
   */
  static java.util.Optional<byte[]> copyFile(String container, String path)
      throws IOException, InterruptedException {
    AtomicReference<byte[]> file = new AtomicReference<>();
    try {
      // docker cp writes the file as a tar of that one entry.
      streamed(
          List.of("cp", container + ":" + path, "-"),
          path,
          "",
          in -> {
            TarArchiveInputStream tar = new TarArchiveInputStream(in);
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry != null && entry.isFile()) {
              file.set(tar.readAllBytes());
            }
          });
    } catch (ImageBuildException e) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(file.get());
  }

  /**
   * Streams {@code docker save} of {@code image}, a docker-save tar, to {@code reader} as the
   * daemon sends it.
   */
  static void saveTo(String image, String where, StreamReader reader)
      throws ImageBuildException, IOException, InterruptedException {
    String what = where + " 'docker://" + image + "'";
    try {
      streamed(
          List.of("save", image),
          what,
          "check the image name (docker images) and that the daemon runs",
          reader);
    } catch (CliMissing e) {
      throw new ImageBuildException(
          what
              + ": cannot run docker ("
              + e.getMessage()
              + "); install the docker CLI or use a"
              + " tar:// base",
          e);
    }
  }

  /** The docker CLI could not be started. */
  private static final class CliMissing extends IOException {
    CliMissing(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /**
   * Runs {@code docker arguments} and gives its output to {@code reader}, to its end; fails with
   * the CLI's message and {@code hint} when the command fails, or with the reader's failure.
   */
  private static void streamed(
      List<String> arguments, String what, String hint, StreamReader reader)
      throws ImageBuildException, IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new CliMissing(e);
    }
    IOException readFailure = null;
    try (InputStream out = process.getInputStream()) {
      reader.read(out);
      out.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      readFailure = e;
      process.destroy();
    }
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0 && readFailure == null) {
      throw new ImageBuildException(
          what + ": `docker " + arguments.get(0) + "` failed: " + errors.strip() + "; " + hint);
    }
    if (readFailure != null) {
      throw readFailure;
    }
  }

  /** What {@code docker load} said, and whether it loaded the image. */
  record Loaded(boolean succeeded, String output) {}

  /**
   * {@code docker load} of the tar {@code writer} writes into its standard input. A load the daemon
   * stops early (it may close the pipe) is reported with the daemon's own message.
   */
  static Loaded load(TarWriter writer) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("docker", "load", "--quiet").redirectErrorStream(true).start();
    IOException writeFailure = null;
    try (OutputStream stdin = process.getOutputStream()) {
      writer.writeTo(stdin);
    } catch (IOException e) {
      writeFailure = e;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit == 0 && writeFailure != null) {
      throw writeFailure;
    }
    if (exit != 0 && writeFailure != null) {
      // The daemon's message first: a daemon that stops reading makes the write fail too.
      output += " (writing the tar: " + writeFailure + ")";
    }
    return new Loaded(exit == 0, output.strip());
  }

  /** Writes a tar into a stream. */
  interface TarWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Output lines of a listing command ({@code docker ps}/{@code docker images} with a filter and a
   * format); fails with the CLI's message.
   */
  static List<String> lines(List<String> arguments, String what) throws ImageBuildException {
    Result result = call(arguments, what);
    return result.output().lines().filter(line -> !line.isBlank()).toList();
  }

  /** Runs a command that changes the daemon's state; fails with the CLI's message. */
  static void change(List<String> arguments, String what) throws ImageBuildException {
    call(arguments, what);
  }

  private static Result call(List<String> arguments, String what) throws ImageBuildException {
    try {
      Result result = run(arguments, 300);
      if (result.exitCode() != 0) {
        throw new ImageBuildException(
            what
                + ": `docker "
                + String.join(" ", arguments)
                + "` failed: "
                + result.output().strip()
                + "; check that a Docker engine runs (docker info)");
      }
      return result;
    } catch (IOException e) {
      throw new ImageBuildException(
          what + ": cannot run docker (" + e.getMessage() + "); install the docker CLI", e);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> arguments, long timeoutSeconds) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + timeoutSeconds + " s");
      }
      if (process.exitValue() == 0) {
        answered = true;
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}
