package io.cpimage.belt.gotemplate;

/**
 * What a missing map key evaluates to ({@code .MISSING}): printed as {@code <no value>}, false,
 * equal to nothing; passed to a function it becomes nil, as in Go.
 */
enum NoValue {
  INSTANCE;

  @Override
  public String toString() {
    return "<no value>";
  }
}
