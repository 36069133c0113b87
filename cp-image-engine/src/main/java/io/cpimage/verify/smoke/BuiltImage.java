package io.cpimage.verify.smoke;

import io.cpimage.build.BuildReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image {@code cp-image:build} loaded into the local Docker daemon, as its {@link BuildReport}
 * names it.
 */
public final class BuiltImage {
  private BuiltImage() {}

  public static String fromReport(Path report) throws SmokeException {
    if (!Files.isRegularFile(report)) {
      throw new SmokeException(
          "no build report at "
              + report
              + ": the smoke test runs the image this project builds, so run cp-image:build"
              + " first (e.g. `mvn verify -Dcp-image.smoke`, with build bound to package)");
    }
    BuildReport built;
    try {
      built = BuildReport.read(report);
    } catch (IOException e) {
      throw new SmokeException(
          "cannot read the build report " + report + " (" + e.getMessage() + "); build again", e);
    }
    String image = built.daemonImage();
    if (image != null) {
      return image;
    }
    throw new SmokeException(
        "the image in "
            + report
            + " ("
            + (built.image() == null ? "" : built.image())
            + ") was not loaded into the local Docker daemon, so the smoke test cannot start it:"
            + " build it with <to><image>docker://name:tag</image>");
  }
}
