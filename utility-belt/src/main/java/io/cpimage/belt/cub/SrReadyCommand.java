package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import picocli.CommandLine.Command;

/** {@code cub sr-ready <host> <port> <timeout>}: waits for Schema Registry. */
@Command(
    name = "sr-ready",
    description = {
      "Waits until Schema Registry is ready: the port accepts connections and GET /config answers 2xx with compatibilityLevel in the body.",
      "Example: cub sr-ready schema-registry 8081 20"
    })
final class SrReadyCommand extends HttpServiceReadyCommand {

  @Override
  HttpReadiness check(String host, int port) {
    return HttpReadiness.forSchemaRegistry(host, port);
  }
}
