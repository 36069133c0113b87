package io.cpimage.build;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@link ImageBuild#run} did: the image's name and digest, whether the target was already up
 * to date (then nothing was written), and where the full report is. The report is read only when
 * asked for: a build with nothing changed answers from its stamp without parsing JSON.
 */
public record BuildResult(String image, String digest, boolean upToDate, Path reportFile) {

  static BuildResult built(BuildReport report, Path reportFile) {
    return new BuildResult(report.image(), report.digest(), false, reportFile);
  }

  /** The build's {@code report.json}. */
  public BuildReport report() throws IOException {
    return BuildReport.read(reportFile);
  }
}
