package io.cpimage.maven;

/** {@code <jvm>}: heap, GC logging and heap dumps for CP's launch scripts. */
public class Jvm {
  /** KAFKA_HEAP_OPTS, e.g. {@code -Xmx1g}. */
  String heapOpts;

  /** A directory for GC logs: made a volume, and KAFKA_GC_LOG_OPTS set for the image's Java. */
  String gcLogging;

  /** A directory for heap dumps on OutOfMemoryError: made a volume, flags added to KAFKA_OPTS. */
  String heapDumpOnOutOfMemory;

  /** Options appended to KAFKA_OPTS. */
  String extraOpts;
}
