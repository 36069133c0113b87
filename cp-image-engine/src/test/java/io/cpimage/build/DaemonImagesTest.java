package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one {@code docker image inspect} tells a build, against the real engine: the IDs and layers
 * of every name asked, a missing one known as absent; an image asked by its ID, held or not; and
 * the layers of an image it already named are not asked again (the image is removed before, and
 * still answered; one said absent is made after, and still absent).
 */
class DaemonImagesTest {
  private static final String NAME = "h-build-daemon-images:1";
  private static final String ABSENT = "sha256:" + "0".repeat(64);
  private static final String ABSENT_NAME = "h-build-daemon-images-absent:1";

  @TempDir Path temp;

  @Test
  void oneCallAnswersTheIdsAndTheLayersOfEveryNameAndWhichAreAbsent() throws Exception {
    ImportedImage.create(temp, NAME, "hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
    try {
      String id = DockerCli.imageId(NAME).orElseThrow();
      List<String> layers = DockerCli.images(List.of(NAME)).images().get(0).layers();
      assertEquals(1, layers.size(), layers.toString());

      DaemonImages said = DaemonImages.ask(Optional.of(ABSENT), List.of(NAME));
      assertEquals(Optional.of(List.of(id)), said.ids(List.of(NAME)));
      DaemonImages missing = DaemonImages.ask(Optional.of(id), List.of(ABSENT_NAME, NAME));
      assertEquals(Optional.empty(), missing.ids(List.of(NAME, ABSENT_NAME)));
      assertEquals(Optional.of(List.of(id)), missing.ids(List.of(NAME)), "the name held is known");
      assertEquals(List.of(layers), missing.layers(List.of(id)), "an ID asked is known");
      ImportedImage.create(
          temp, ABSENT_NAME, "later.txt", "later".getBytes(StandardCharsets.UTF_8));
      assertEquals(List.of(), missing.layers(List.of(ABSENT_NAME)), "said absent: not asked again");
      assertEquals(1, DaemonImages.none().layers(List.of(ABSENT_NAME)).size(), "asked now: held");

      run("docker", "rmi", NAME);
      // Said before the image went: by its name, by its ID; the absent ID needs no call either.
      assertEquals(List.of(layers, layers), said.layers(List.of(NAME, id, ABSENT)));
      assertTrue(DaemonImages.none().layers(List.of(NAME, id)).isEmpty(), "asked now: gone");
    } finally {
      run("docker", "rmi", "-f", NAME, ABSENT_NAME);
    }
  }

  private static void run(String... command) throws Exception {
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }
}
