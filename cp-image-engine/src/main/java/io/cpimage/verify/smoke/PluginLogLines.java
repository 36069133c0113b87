package io.cpimage.verify.smoke;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a Connect worker's log that say why a plugin did not load: its ERROR and WARN lines
 * that name one of the plugin classes, each followed by the {@code Caused by:} lines of its stack
 * trace. The worker logs them while it scans plugins, at start, so they are usually far above the
 * last lines of the log.
 */
final class PluginLogLines {
  private PluginLogLines() {}

  /** The lines, under a heading, or an empty string when the log names none of the classes. */
  static String about(String log, List<String> pluginClasses) {
    List<String> lines = log.lines().toList();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if ((line.contains("ERROR") || line.contains("WARN")) && namesAny(line, pluginClasses)) {
        found.add(line);
        for (int j = i + 1; j < lines.size() && isStackTrace(lines.get(j)); j++) {
          if (lines.get(j).startsWith("Caused by:")) {
            found.add(lines.get(j));
          }
        }
      }
    }
    return found.isEmpty()
        ? ""
        : "\nThe worker's log about these classes:\n" + String.join("\n", found);
  }

  private static boolean namesAny(String line, List<String> pluginClasses) {
    for (String name : pluginClasses) {
      String simpleName = name.substring(name.lastIndexOf('.') + 1);
      if (line.contains(name) || line.contains(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /** Connect's log records start with {@code [timestamp]}; other lines continue the record. */
  private static boolean isStackTrace(String line) {
    return !line.startsWith("[");
  }
}
