package io.cpimage.belt.settings;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * A few lines of Kafka 4.4's settings catalogue, in the catalogue's own format, for the belt's
 * tests of the boot check; the base-images tests check the generated catalogues of both lines.
 */
public final class SampleCatalogue {

  private SampleCatalogue() {}

  /** The catalogue file, to name in {@link BootCheck#CATALOGUE_VARIABLE}. */
  public static Path path() {
    try {
      return Path.of(SampleCatalogue.class.getResource("/settings/settings-catalogue.tsv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
