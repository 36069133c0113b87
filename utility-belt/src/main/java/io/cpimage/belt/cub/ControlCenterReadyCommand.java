package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cub control-center-ready <host> <port> <timeout>}: waits for Control Center. */
@Command(
    name = "control-center-ready",
    description = {
      "Waits until Control Center is ready: the port accepts connections and GET / answers 2xx with Control Center in the body.",
      "Example: cub control-center-ready control-center 9021 60"
    })
final class ControlCenterReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  @Override
  public Integer call() {
    HttpReadiness check =
        options.configure(HttpReadiness.forControlCenter(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
