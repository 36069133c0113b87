package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import picocli.CommandLine.Command;

/** {@code cub control-center-ready <host> <port> <timeout>}: waits for Control Center. */
@Command(
    name = "control-center-ready",
    description = {
      "Waits until Control Center is ready: the port accepts connections and GET / answers 2xx with Control Center in the body.",
      "Example: cub control-center-ready control-center 9021 60"
    })
final class ControlCenterReadyCommand extends HttpServiceReadyCommand {

  @Override
  HttpReadiness check(String host, int port) {
    return HttpReadiness.forControlCenter(host, port);
  }
}
