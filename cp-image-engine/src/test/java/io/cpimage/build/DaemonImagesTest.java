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
 * of every name asked, or of none when one is missing; an image asked by its ID, held or not; and
 * the layers of an image it already named are not asked again (the image is removed before, and
 * still answered).
 */
class DaemonImagesTest {
  private static final String NAME = "h-build-daemon-images:1";
  private static final String ABSENT = "sha256:" + "0".repeat(64);

  @TempDir Path temp;

  @Test
  void oneCallAnswersTheIdsAndTheLayersOfEveryNameOrOfNone() throws Exception {
    ImportedImage.create(temp, NAME, "hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
    try {
      String id = DockerCli.imageId(NAME).orElseThrow();
      List<String> layers = DockerCli.images(List.of(NAME)).images().get(0).layers();
      assertEquals(1, layers.size(), layers.toString());

      DaemonImages said = DaemonImages.ask(Optional.of(ABSENT), List.of(NAME));
      assertEquals(Optional.of(List.of(id)), said.ids(List.of(NAME)));
      DaemonImages missing = DaemonImages.ask(Optional.of(id), List.of(NAME, "h-build-absent:1"));
      assertEquals(Optional.empty(), missing.ids(List.of(NAME, "h-build-absent:1")));
      assertEquals(Optional.empty(), missing.ids(List.of(NAME)), "names are all or none");
      assertEquals(List.of(layers), missing.layers(List.of(id)), "an ID asked is known");

      run("docker", "rmi", NAME);
      // Said before the image went: by its name, by its ID; the absent ID needs no call either.
      assertEquals(List.of(layers, layers), said.layers(List.of(NAME, id, ABSENT)));
      assertTrue(DaemonImages.none().layers(List.of(NAME, id)).isEmpty(), "asked now: gone");
    } finally {
      run("docker", "rmi", "-f", NAME);
    }
  }

  private static void run(String... command) throws Exception {
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }
}
