package io.cpimage.belt.dub;

import io.cpimage.belt.wait.Deadline;
import io.cpimage.belt.wait.TcpPort;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dub http-ready <url> <timeout>}: waits for the URL's port, then until a GET answers 2xx.
 * Unlike Confluent's dub, which sends a single request once the port is open, the GET is repeated
 * until the timeout: a server that opens its port before it can serve (503 while starting) is
 * waited for, not failed.
 */
@Command(
    name = "http-ready",
    description = "Waits until a GET of URL answers 2xx (redirects followed), at most TIMEOUT s.")
final class HttpReadyCommand implements Callable<Integer> {

  /** A last request is always allowed this long, even when the port took the whole timeout. */
  private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofSeconds(1);

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
  public Integer call() throws InterruptedException {
    URI uri = parse(url);
    PrintWriter err = spec.commandLine().getErr();
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    Deadline deadline = Deadline.after(timeout);
    if (!TcpPort.awaitOpen(uri.getHost(), port, deadline, Dub.POLL_INTERVAL)) {
      err.println(uri.getHost() + " cannot be reached on port " + port + ".");
      return Dub.FAILED;
    }
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    while (true) {
      String problem;
      try {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(uri).timeout(requestTimeout(deadline)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return Dub.OK;
        }
        problem =
            "Unexpected response for "
                + url
                + ", with code: "
                + response.statusCode()
                + " and content: "
                + response.body();
      } catch (IOException e) {
        problem = "GET " + url + " failed: " + e;
      }
      if (deadline.expired()) {
        err.println(problem);
        return Dub.FAILED;
      }
      deadline.sleep(Dub.POLL_INTERVAL);
    }
  }

  private URI parse(String text) {
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, with the same message as for a URL without scheme or host
    }
    throw new ParameterException(spec.commandLine(), "URL " + text + " is malformed.");
  }

  private static Duration requestTimeout(Deadline deadline) {
    Duration remaining = deadline.remaining();
    return remaining.compareTo(MIN_REQUEST_TIMEOUT) > 0 ? remaining : MIN_REQUEST_TIMEOUT;
  }
}
