package io.cpimage.build;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code $NAME} and {@code ${NAME}} against the image's environment, as a Dockerfile {@code
 * ENV} would; jib stores values literally, so {@code PATH=/x/bin:$PATH} must be computed here. An
 * unknown name expands to the empty string (as in a shell); {@code $$} is a literal $.
 */
final class EnvironmentExpander {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  private EnvironmentExpander() {}

  static String expand(String value, Map<String, String> environment) {
    Matcher matcher = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String replacement = name == null ? "$" : environment.getOrDefault(name, "");
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
