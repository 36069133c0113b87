package io.cpimage.belt.ub;

import io.cpimage.belt.ready.HttpReadiness;
import io.cpimage.belt.ready.ReadinessResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ub http-ready <url> <timeout>}: dub's http-ready with whole seconds. Confluent's ub sends
 * one GET once the port is open; this one repeats it until the timeout, as dub's and cub's do.
 */
@Command(
    name = "http-ready",
    description = "Waits until a GET of URL answers 2xx, at most TIMEOUT seconds.")
final class HttpReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to GET.")
  private String url;

  @Parameters(index = "1", paramLabel = "TIMEOUT", description = "Whole seconds to wait.")
  private int timeoutSeconds;

  @Override
  public Integer call() {
    HttpReadiness check;
    try {
      check = HttpReadiness.forUrl(new URI(url));
    } catch (URISyntaxException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("Error: URL " + url + " is malformed.");
      return Ub.FAILED;
    }
    ReadinessResult result =
        check.withTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds))).await();
    if (result.ready()) {
      return Ub.OK;
    }
    spec.commandLine().getErr().println("Error: " + result.reason());
    return Ub.FAILED;
  }
}
