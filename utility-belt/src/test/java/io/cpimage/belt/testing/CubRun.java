package io.cpimage.belt.testing;

import io.cpimage.belt.cub.Cub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/** One in-process run of {@code cub}, with what a user would see: exit code, stdout, stderr. */
public record CubRun(int exitCode, String out, String err, Duration elapsed) {

  public static CubRun cub(String... args) {
    return cub(Map.of(), args);
  }

  public static CubRun cub(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code = Cub.execute(env, new PrintWriter(out), new PrintWriter(err), args);
    return new CubRun(
        code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public String toString() {
    return "exit "
        + exitCode
        + " after "
        + elapsed.toMillis()
        + " ms\nstdout: "
        + out
        + "\nstderr: "
        + err;
  }
}
