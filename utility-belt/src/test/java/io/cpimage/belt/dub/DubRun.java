package io.cpimage.belt.dub;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process {@code dub} run: its exit code and what it printed. */
record DubRun(int code, String out, String err) {

  static DubRun dub(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Dub.execute(env, new PrintWriter(out), new PrintWriter(err), args);
    return new DubRun(code, out.toString(), err.toString());
  }

  static DubRun dub(String... args) {
    return dub(Map.of(), args);
  }

  /** Confluent's last line on stderr for a failed check. */
  static String failedLine(String... args) {
    return "Command [dub " + String.join(" ", args) + "] FAILED !" + System.lineSeparator();
  }

  static String lines(String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append(System.lineSeparator());
    }
    return text.toString();
  }
}
