package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cub sr-ready <host> <port> <timeout>}: waits for Schema Registry. */
@Command(
    name = "sr-ready",
    description = {
      "Waits until Schema Registry is ready: the port accepts connections and GET /config answers 2xx with compatibilityLevel in the body.",
      "Example: cub sr-ready schema-registry 8081 20"
    })
final class SrReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  @Override
  public Integer call() {
    HttpReadiness check =
        options.configure(HttpReadiness.forSchemaRegistry(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
