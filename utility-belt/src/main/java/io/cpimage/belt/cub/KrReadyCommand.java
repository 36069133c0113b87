package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cub kr-ready <host> <port> <timeout>}: waits for REST Proxy. */
@Command(
    name = "kr-ready",
    description = {
      "Waits until REST Proxy is ready: the port accepts connections and GET /topics answers 2xx.",
      "Example: cub kr-ready kafka-rest 8082 20"
    })
final class KrReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  @Override
  public Integer call() {
    HttpReadiness check = options.configure(HttpReadiness.forRestProxy(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
