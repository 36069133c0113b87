package io.cpimage.belt.ub;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process {@code ub} run: its exit code and what it printed. */
record UbRun(int code, String out, String err) {

  static UbRun ub(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Ub.execute(env, new PrintWriter(out), new PrintWriter(err), args);
    return new UbRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
  }
}
