package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import picocli.CommandLine.Command;

/** {@code cub connect-ready <host> <port> <timeout>}: waits for Kafka Connect. */
@Command(
    name = "connect-ready",
    description = {
      "Waits until Kafka Connect is ready: the port accepts connections and GET / answers 2xx with version in the body.",
      "Example: cub connect-ready connect 8083 20 --secure --username admin --password secret"
    })
final class ConnectReadyCommand extends HttpServiceReadyCommand {

  @Override
  HttpReadiness check(String host, int port) {
    return HttpReadiness.forConnect(host, port);
  }
}
