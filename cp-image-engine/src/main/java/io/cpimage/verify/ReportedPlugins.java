package io.cpimage.verify;

import io.cpimage.build.BuildReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Connect plugin classes that {@code cp-image:build} found in the image's connectors, read from
 * its {@link BuildReport}.
 */
public final class ReportedPlugins {

  private ReportedPlugins() {}

  /**
   * Whether {@code report} exists and is not older than {@code pom}: a pom changed after the build
   * may declare other connectors than the report lists.
   */
  public static boolean isCurrent(Path report, Path pom) throws VerifyException {
    try {
      return Files.isRegularFile(report)
          && Files.getLastModifiedTime(report).compareTo(Files.getLastModifiedTime(pom)) >= 0;
    } catch (IOException e) {
      throw new VerifyException("cannot read the time of " + report + " or " + pom + ": " + e);
    }
  }

  /** The classes, or an empty list when there is no report (the image was not built here). */
  public static List<String> read(Path report) throws VerifyException {
    if (!Files.isRegularFile(report)) {
      return List.of();
    }
    try {
      return BuildReport.read(report).pluginClasses();
    } catch (IOException e) {
      throw new VerifyException(
          "cannot read the build report "
              + report
              + " ("
              + e.getMessage()
              + "); run cp-image:build again, or delete the file");
    }
  }
}
