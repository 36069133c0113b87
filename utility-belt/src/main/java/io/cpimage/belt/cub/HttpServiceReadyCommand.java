package io.cpimage.belt.cub;

import io.cpimage.belt.ready.HttpReadiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that waits for one Confluent HTTP service ({@code sr-ready}, {@code kr-ready}, {@code
 * connect-ready}, ...): the same arguments and exit codes; only the service's check differs.
 */
abstract class HttpServiceReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private HttpReadyOptions options;

  /** The service's own check (its path and expected body) at {@code host:port}. */
  abstract HttpReadiness check(String host, int port);

  @Override
  public final Integer call() {
    HttpReadiness check = options.configure(check(options.host, options.port));
    return Outcome.exitCode(check.await(), spec.commandLine().getErr());
  }
}
