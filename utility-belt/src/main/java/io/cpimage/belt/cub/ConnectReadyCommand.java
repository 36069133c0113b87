package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cub connect-ready <host> <port> <timeout>}: waits for Kafka Connect. */
@Command(
    name = "connect-ready",
    description = {
      "Waits until Kafka Connect is ready: the port accepts connections and GET / answers 2xx with version in the body.",
      "Example: cub connect-ready connect 8083 20 --secure --username admin --password secret"
    })
final class ConnectReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  @Override
  public Integer call() {
    HttpReadiness check = options.configure(HttpReadiness.forConnect(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
