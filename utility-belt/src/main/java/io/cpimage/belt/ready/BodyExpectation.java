package io.cpimage.belt.ready;

/** What a 2xx answer's body must show for an HTTP service to count as ready. */
interface BodyExpectation {

  /**
   * Null when the body shows what is expected; otherwise why not: a sentence, or an empty string
   * when Confluent's generic "Unexpected response" message (code and body) says it best.
   */
  String problemWith(String body);

  static BodyExpectation contains(String text) {
    return body -> body.contains(text) ? null : "";
  }
}
