package io.cpimage.belt.dub;

import io.cpimage.belt.ready.HttpReadiness;
import io.cpimage.belt.ready.ReadinessResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dub http-ready <url> <timeout>}: waits for the URL's port, then until a GET answers 2xx,
 * the same wait as cub's HTTP checks ({@link HttpReadiness#forUrl}). Unlike Confluent's dub, which
 * sends a single request once the port is open, the GET is repeated until the timeout: a server
 * that opens its port before it can serve (503 while starting) is waited for, not failed.
 */
@Command(
    name = "http-ready",
    description = "Waits until a GET of URL answers 2xx (redirects followed), at most TIMEOUT s.")
final class HttpReadyCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL", description = "http:// or https:// URL to GET.")
  private String url;

  @Parameters(
      index = "1",
      paramLabel = "TIMEOUT",
      converter = Seconds.class,
      description = "Seconds to wait (fractions allowed).")
  private Duration timeout;

  @Override
  public Integer call() {
    ReadinessResult result = check(url).withTimeout(timeout).await();
    if (result.ready()) {
      return Dub.OK;
    }
    spec.commandLine().getErr().println(result.reason());
    return Dub.FAILED;
  }

  /** The wait for {@code text}; a URL that is not http(s) with a host is a usage error. */
  private HttpReadiness check(String text) {
    try {
      return HttpReadiness.forUrl(new URI(text));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "URL " + text + " is malformed.");
    }
  }
}
