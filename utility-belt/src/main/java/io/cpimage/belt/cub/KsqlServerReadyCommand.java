package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import picocli.CommandLine.Command;

/** {@code cub ksql-server-ready <host> <port> <timeout>}: waits for ksqlDB server. */
@Command(
    name = "ksql-server-ready",
    description = {
      "Waits until ksqlDB server is ready: the port accepts connections and GET /info answers 2xx with Ksql in the body.",
      "Example: cub ksql-server-ready ksqldb-server 8088 60"
    })
final class KsqlServerReadyCommand extends HttpServiceReadyCommand {

  @Override
  HttpReadiness check(String host, int port) {
    return HttpReadiness.forKsqlServer(host, port);
  }
}
