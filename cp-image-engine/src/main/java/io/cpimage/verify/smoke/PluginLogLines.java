package io.cpimage.verify.smoke;

import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a Connect worker's log that say why a plugin did not load: its ERROR and WARN
 * records that name one of the plugin classes, each as its first line, the line of its stack trace
 * that names the class, and the {@code Caused by:} lines. A scanning worker names the class in the
 * first line ({@code Unable to instantiate BrokenSourceConnector}); one with {@code
 * plugin.discovery=service_load} names only the directory there, and the class in the trace's
 * {@code ServiceConfigurationError}. The worker logs them while it finds plugins, at start, so they
 * are usually far above the last lines of the log.
 */
final class PluginLogLines {
  private PluginLogLines() {}

  /** The lines, under a heading, or an empty string when the log names none of the classes. */
  static String about(String log, List<String> pluginClasses) {
    List<String> lines = log.lines().toList();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.contains("ERROR") && !line.contains("WARN")) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && isStackTrace(lines.get(end))) {
        end++;
      }
      List<String> trace = lines.subList(i + 1, end);
      boolean named = namesAny(line, pluginClasses);
      List<String> record = new ArrayList<>();
      record.add(line);
      for (String traceLine : trace) {
        if (!named && !traceLine.startsWith("\t") && namesAny(traceLine, pluginClasses)) {
          named = true;
          record.add(traceLine);
        } else if (traceLine.startsWith("Caused by:")) {
          record.add(traceLine);
        }
      }
      if (named) {
        found.addAll(record);
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
