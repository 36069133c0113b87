package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import picocli.CommandLine.Command;

/** {@code cub kr-ready <host> <port> <timeout>}: waits for REST Proxy. */
@Command(
    name = "kr-ready",
    description = {
      "Waits until REST Proxy is ready: the port accepts connections and GET /topics answers 2xx.",
      "Example: cub kr-ready kafka-rest 8082 20"
    })
final class KrReadyCommand extends HttpServiceReadyCommand {

  @Override
  HttpReadiness check(String host, int port) {
    return HttpReadiness.forRestProxy(host, port);
  }
}
