package io.cpimage.belt.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The known names closest to a mistyped one, by edit distance. */
final class Nearest {

  private static final int MAX_SUGGESTIONS = 3;

  private Nearest() {}

  /**
   * Up to three of {@code known} within a few edits of {@code name} (two, or a fifth of its length
   * for long names), nearest first.
   */
  static List<String> to(String name, Iterable<String> known) {
    int limit = Math.max(2, name.length() / 5);
    record Candidate(String name, int distance) {}
    List<Candidate> candidates = new ArrayList<>();
    for (String candidate : known) {
      if (Math.abs(candidate.length() - name.length()) <= limit) {
        int distance = distance(name, candidate);
        if (distance <= limit) {
          candidates.add(new Candidate(candidate, distance));
        }
      }
    }
    candidates.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
    return candidates.stream().limit(MAX_SUGGESTIONS).map(Candidate::name).toList();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
