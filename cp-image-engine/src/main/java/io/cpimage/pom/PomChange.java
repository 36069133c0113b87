package io.cpimage.pom;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;

/** The result of one edit: the pom's new text, whether it differs, and what was done. */
public final class PomChange {

  private static final int CONTEXT_LINES = 3;

  private final PomFile file;
  private final String after;
  private final String summary;

  PomChange(PomFile file, String after, String summary) {
    this.file = file;
    this.after = after;
    this.summary = summary;
  }

  public boolean changed() {
    return !after.equals(file.text());
  }

  /** One sentence for the log: what was added, or why nothing changed. */
  public String summary() {
    return summary;
  }

  /** The pom's full text after the edit. */
  public String text() {
    return after;
  }

  /** The edit as a unified diff ({@code --- a/pom.xml}, {@code +++ b/pom.xml}); empty if none. */
  public String unifiedDiff() {
    if (!changed()) {
      return "";
    }
    List<String> before = lines(file.text());
    List<String> revised = lines(after);
    String name = file.path().getFileName().toString();
    return String.join(
            "\n",
            UnifiedDiffUtils.generateUnifiedDiff(
                "a/" + name, "b/" + name, before, DiffUtils.diff(before, revised), CONTEXT_LINES))
        + "\n";
  }

  /** Writes the new text atomically; does nothing when the edit changed nothing. */
  public void write() throws PomEditException {
    if (changed()) {
      file.replaceWith(after);
    }
  }

  private static List<String> lines(String text) {
    return text.lines().toList();
  }
}
