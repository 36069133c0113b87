package io.cpimage.kafka.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

class DefaultTlsContextAheadTest {

  @Test
  void runsTheServersMainClassWithItsArguments() throws Throwable {
    DefaultTlsContextAhead.main(
        new String[] {ProbeServer.class.getName(), "server.properties", "--override", "a=b"});

    assertEquals(List.of("server.properties", "--override", "a=b"), ProbeServer.args);
  }

  @Test
  void makesTheJdksDefaultContextOnADaemonThread() throws Exception {
    Thread ahead = DefaultTlsContextAhead.startMakingTheDefaultContext();

    assertEquals("default-tls-context", ahead.getName());
    assertTrue(ahead.isDaemon(), "a thread that could hold the JVM's exit");
    ahead.join(30_000);
    assertFalse(ahead.isAlive(), "the default context was not made within 30 s");
    // What ZooKeeper's client then asks for, from the context the thread made.
    assertTrue(
        List.of(SSLContext.getDefault().getSupportedSSLParameters().getProtocols())
            .contains("TLSv1.3"));
  }

  /** A server's main class that notes its arguments. */
  public static final class ProbeServer {
    static List<String> args;

    public static void main(String[] args) {
      ProbeServer.args = List.of(args);
    }
  }
}
