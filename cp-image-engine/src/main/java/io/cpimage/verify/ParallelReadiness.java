package io.cpimage.verify;

import io.cpimage.belt.ready.ReadinessCheck;
import io.cpimage.belt.ready.ReadinessResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs readiness checks at once, so the slowest service, not their sum, sets the wait. */
public final class ParallelReadiness {

  private ParallelReadiness() {}

  /** The results in the order of the checks. */
  public static List<ReadinessResult> awaitAll(List<ReadinessCheck> checks) {
    ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, checks.size()));
    try {
      List<CompletableFuture<ReadinessResult>> running =
          checks.stream()
              .map(check -> CompletableFuture.supplyAsync(check::await, executor))
              .toList();
      return running.stream().map(CompletableFuture::join).toList();
    } finally {
      executor.shutdownNow();
    }
  }

  /** One line per result, for the build log: what, ready or not, after how long, and why not. */
  public static String describe(ReadinessResult result) {
    String seconds = String.format("%.1f s", result.elapsed().toMillis() / 1000.0);
    return result.ready()
        ? "ready: " + result.service() + " (" + seconds + ")"
        : "NOT READY: " + result.service() + " after " + seconds + ": " + result.reason();
  }
}
