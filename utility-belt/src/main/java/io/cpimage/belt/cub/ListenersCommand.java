package io.cpimage.belt.cub;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cub listeners <advertised>}: the {@code listeners} value that binds every advertised
 * listener on all interfaces, i.e. each host replaced by {@code 0.0.0.0}.
 */
@Command(
    name = "listeners",
    description = {
      "Prints the advertised listeners with every host replaced by 0.0.0.0.",
      "Example: cub listeners 'PLAINTEXT://kafka:9092,SSL://[::1]:9093'"
          + "  prints PLAINTEXT://0.0.0.0:9092,SSL://0.0.0.0:9093"
    })
final class ListenersCommand implements Callable<Integer> {

  /**
   * One listener's host: after {@code ://}, either a bracketed IPv6 address or everything up to the
   * next {@code :} (the port), {@code ,} (the next listener) or the end. Confluent's regex only
   * stopped at {@code :}, which broke IPv6 hosts and listeners without a port.
   */
  private static final Pattern HOST = Pattern.compile("://(\\[[^\\]]*\\]|[^:,\\[]*)");

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "advertised_listeners",
      description = "Comma-separated NAME://host:port list.")
  private String advertised;

  /** Replaces the host of every listener in {@code advertised} by {@code 0.0.0.0}. */
  static String bindToAllInterfaces(String advertised) {
    return HOST.matcher(advertised).replaceAll(Matcher.quoteReplacement("://0.0.0.0"));
  }

  @Override
  public Integer call() {
    return print(advertised, spec.commandLine().getOut());
  }

  /** Prints the listeners for {@code advertised}; nothing to print fails. */
  static int print(String advertised, PrintWriter out) {
    String listeners = bindToAllInterfaces(advertised);
    if (listeners.isEmpty()) {
      return 1;
    }
    out.println(listeners);
    return 0;
  }
}
