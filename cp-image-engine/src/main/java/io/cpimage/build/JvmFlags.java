package io.cpimage.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags for CP's launch scripts: GC logging in the syntax of the image's Java (unified
 * {@code -Xlog} since Java 9, the old {@code -Xloggc} family for Java 8) and heap dumps.
 */
final class JvmFlags {
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"?(1\\.)?(\\d+)");
  static final int GC_LOG_FILES = 10;
  static final String GC_LOG_FILE_SIZE = "100M";

  private JvmFlags() {}

  /**
   * The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="1.8.0_402"} is 8).
   */
  static Optional<Integer> featureVersion(String releaseFile) {
    Matcher matcher = JAVA_VERSION.matcher(releaseFile);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(2))) : Optional.empty();
  }

  static String gcLogging(String directory, int javaVersion) {
    String file = directory + "/gc.log";
    if (javaVersion >= 9) {
      return "-Xlog:gc*:file="
          + file
          + ":time,uptime:filecount="
          + GC_LOG_FILES
          + ",filesize="
          + GC_LOG_FILE_SIZE;
    }
    return String.join(
        " ",
        "-Xloggc:" + file,
        "-verbose:gc",
        "-XX:+PrintGCDetails",
        "-XX:+PrintGCDateStamps",
        "-XX:+PrintGCTimeStamps",
        "-XX:+UseGCLogFileRotation",
        "-XX:NumberOfGCLogFiles=" + GC_LOG_FILES,
        "-XX:GCLogFileSize=" + GC_LOG_FILE_SIZE);
  }

  /** KAFKA_OPTS: what the base had, then heap dumps, then the user's extra options. */
  static String kafkaOpts(String baseValue, String heapDumpDirectory, String extraOpts) {
    List<String> parts = new ArrayList<>();
    if (baseValue != null && !baseValue.isBlank()) {
      parts.add(baseValue.trim());
    }
    if (heapDumpDirectory != null) {
      parts.add("-XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=" + heapDumpDirectory);
    }
    if (extraOpts != null && !extraOpts.isBlank()) {
      parts.add(extraOpts.trim());
    }
    return String.join(" ", parts);
  }
}
