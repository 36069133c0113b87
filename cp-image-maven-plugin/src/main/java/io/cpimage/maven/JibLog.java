package io.cpimage.maven;

import com.google.cloud.tools.jib.api.LogEvent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * Forwards jib's events (which arrive on jib's worker threads) to the Maven log through one thread,
 * because Maven's {@link Log} is not thread-safe. As in jib-maven-plugin, jib's INFO detail (every
 * file of every layer) goes to debug ({@code -X}); its LIFECYCLE lines, credential sources
 * included, and the progress lines to info.
 */
final class JibLog implements Consumer<LogEvent>, AutoCloseable {
  private final Log log;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread t = new Thread(runnable, "cp-image-log");
            t.setDaemon(true);
            return t;
          });

  JibLog(Log log) {
    this.log = log;
  }

  @Override
  public void accept(LogEvent event) {
    thread.execute(
        () -> {
          switch (event.getLevel()) {
            case ERROR -> log.error(event.getMessage());
            case WARN -> log.warn(event.getMessage());
            case LIFECYCLE, PROGRESS -> log.info(event.getMessage());
            default -> log.debug(event.getMessage());
          }
        });
  }

  /** Waits until every event so far is logged, so the caller's last line really is last. */
  @Override
  public void close() throws InterruptedException {
    thread.shutdown();
    thread.awaitTermination(1, TimeUnit.MINUTES);
  }
}
