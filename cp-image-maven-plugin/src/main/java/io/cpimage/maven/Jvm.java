package io.cpimage.maven;

/** {@code <jvm>}: heap, GC logging and heap dumps for CP's launch scripts. */
public class Jvm {
  String heapOpts;
  String gcLogging;
  String heapDumpOnOutOfMemory;
  String extraOpts;
}
