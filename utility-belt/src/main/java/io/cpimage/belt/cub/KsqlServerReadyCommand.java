package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cub ksql-server-ready <host> <port> <timeout>}: waits for ksqlDB server. */
@Command(
    name = "ksql-server-ready",
    description = {
      "Waits until ksqlDB server is ready: the port accepts connections and GET /info answers 2xx with Ksql in the body.",
      "Example: cub ksql-server-ready ksqldb-server 8088 60"
    })
final class KsqlServerReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  @Override
  public Integer call() {
    HttpReadiness check =
        options.configure(HttpReadiness.forKsqlServer(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
