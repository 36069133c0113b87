package io.cpimage.kafka.start;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/**
 * Starts a ZooKeeper-mode broker (the 3.9 line) while a second thread makes the JDK's default TLS
 * context, which ZooKeeper's client asks for as the broker connects to ZooKeeper.
 *
 * <p>Why: ZooKeeper's {@code X509Util} asks {@link SSLContext#getDefault()} for the protocols it
 * supports as its class initialises, whatever the configuration, TLS or not. In the broker's fresh
 * JVM that reads the JDK's trust store (about 140 certificates) and sets up the context in cold
 * code, 0.15-0.25 s on the main thread in the middle of the start. Made from the first moment on a
 * thread of its own, it is ready when the client asks: {@code bench/boot.sh}, the image before and
 * after in paired rounds, measured the start 65-170 ms shorter (medians).
 *
 * <p>The context is the one the broker would have made: the JDK makes it once per JVM, under a
 * lock, from the system properties of the command line ({@code javax.net.ssl.*}) and the security
 * providers installed by then; the broker installs its configured {@code security.providers} only
 * later, as it sets up its listeners, so it asked before them anyway. Nothing else is touched: the
 * one system property {@code X509Util} sets (rejecting client-initiated renegotiation) is read when
 * a server-side handshake begins, not when the context is made. A context that cannot be made is
 * not reported here: the broker meets the same failure where it asks, as before.
 *
 * <p>Usage: {@code DefaultTlsContextAhead <main class> [args...]} ({@link ServerMain}).
 */
public final class DefaultTlsContextAhead {
  private DefaultTlsContextAhead() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      System.err.println("USAGE: DefaultTlsContextAhead <main class> [args...]");
      System.exit(1);
    }
    startMakingTheDefaultContext();
    ServerMain.run(args, 0);
  }

  /** The thread that makes the default context: a daemon, so that it never holds the JVM's exit. */
  static Thread startMakingTheDefaultContext() {
    Thread ahead =
        new Thread(
            () -> {
              try {
                SSLContext.getDefault();
              } catch (NoSuchAlgorithmException | RuntimeException e) {
                // The broker's own call fails the same way and reports it.
              }
            },
            "default-tls-context");
    ahead.setDaemon(true);
    ahead.start();
    return ahead;
  }
}
