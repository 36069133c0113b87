package io.cpimage.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Downloads artifacts given by URL into a content-addressed {@link DownloadCache}.
 *
 * <p>A URL must be {@code https} and come with a checksum, unless the pom says {@code
 * <insecure>true</insecure>}; both are checked before any network access. A file is downloaded to a
 * temporary file in the cache directory, verified, then moved atomically to its checksum's place in
 * the cache. The next build that names the same checksum finds it there and needs no network (this
 * is what makes {@code mvn -o} rebuilds work); a file that fails its checksum never reaches that
 * place. A file allowed without checksum ({@code insecure}) goes to the cache's unverified part and
 * is downloaded again on every build.
 *
 * <p>{@code insecure} does not turn off TLS certificate checks: for a server with a private
 * certificate, add it to the JVM's trust store ({@code -Djavax.net.ssl.trustStore=...} in {@code
 * MAVEN_OPTS}).
 */
public final class UrlDownloader {
  /** How long to wait for a connection, and then for the response headers. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMinutes(2);

  private final DownloadCache cache;
  private final Supplier<HttpClient> client;
  private final Duration responseTimeout;
  private final boolean offline;

  public UrlDownloader(Path cacheDirectory) {
    this(cacheDirectory, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
  }

  public UrlDownloader(Path cacheDirectory, Duration connectTimeout, Duration responseTimeout) {
    this(
        cacheDirectory,
        onFirstUse(
            () ->
                HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    // NORMAL never follows an https URL to plain http.
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build()),
        responseTimeout,
        false);
  }

  /** With a client of the caller's (tests use one that trusts their own certificate). */
  UrlDownloader(Path cacheDirectory, HttpClient client, Duration responseTimeout) {
    this(cacheDirectory, () -> client, responseTimeout, false);
  }

  private UrlDownloader(
      Path cacheDirectory, Supplier<HttpClient> client, Duration responseTimeout, boolean offline) {
    this.cache = new DownloadCache(cacheDirectory);
    this.client = client;
    this.responseTimeout = responseTimeout;
    this.offline = offline;
  }

  /**
   * The client, made when the first download needs it: making one sets up TLS (a fifth of a second
   * of class loading), which a build whose files are all cached never needs.
   */
  private static Supplier<HttpClient> onFirstUse(Supplier<HttpClient> make) {
    return new Supplier<>() {
      private HttpClient made;

      @Override
      public synchronized HttpClient get() {
        if (made == null) {
          made = make.get();
        }
        return made;
      }
    };
  }

  /**
   * A downloader on the same cache that never uses the network (Maven's {@code -o}): a file must be
   * in the cache already, under the checksum the pom gives.
   */
  public UrlDownloader offline() {
    return new UrlDownloader(cache.directory(), client, responseTimeout, true);
  }

  /**
   * The file at {@code uri}, from the cache when {@code expectedOrNull} names one already there.
   *
   * @param expectedOrNull the checksum from the pom; {@code null} is refused unless {@code
   *     insecure}
   * @param insecure whether the pom allows plain http and a missing checksum
   * @param where the pom element the URL came from, named in every message
   * @return a file in the cache, named after the last segment of the URL's path
   */
  public Path download(URI uri, Checksum expectedOrNull, boolean insecure, String where)
      throws ArtifactException {
    String fileName = checkUrl(uri, expectedOrNull, insecure, where);
    if (expectedOrNull != null) {
      Optional<Path> cached = cached(expectedOrNull, fileName);
      if (cached.isPresent()) {
        return cached.get();
      }
    }
    if (offline) {
      throw new ArtifactException(
          String.format(
              "%s: %s is not in the download cache %s%s, and Maven runs offline. Build once"
                  + " without -o to download it.",
              where,
              uri,
              cache.directory(),
              expectedOrNull == null
                  ? " (a URL without checksum is downloaded on every build)"
                  : ""));
    }
    try {
      Files.createDirectories(cache.directory());
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot create the download cache " + cache.directory() + ": " + e, e);
    }
    Path temporary = fetch(uri, where);
    try {
      Checksum actual =
          expectedOrNull == null
              ? Checksum.sha256Of(temporary)
              : expectedOrNull.computeFor(temporary);
      if (expectedOrNull != null && !actual.equals(expectedOrNull)) {
        throw new ArtifactException(
            expectedOrNull.mismatch(where, "the file downloaded from " + uri, actual)
                + ". Nothing was kept in the cache.");
      }
      Path target =
          expectedOrNull == null
              ? cache.unverified(actual, fileName)
              : cache.verified(actual, fileName);
      Files.createDirectories(target.getParent());
      moveAtomically(temporary, target);
      return target;
    } catch (IOException e) {
      throw new ArtifactException(
          where
              + ": cannot store the file downloaded from "
              + uri
              + " in "
              + cache.directory()
              + ": "
              + e,
          e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  /**
   * The cached file for {@code expected}, if an earlier download left it there and it still has
   * that checksum (a damaged entry is removed, so that it is downloaded again).
   */
  private Optional<Path> cached(Checksum expected, String fileName) {
    Path entry = cache.verified(expected, fileName);
    if (!Files.isRegularFile(entry)) {
      return Optional.empty();
    }
    try {
      if (expected.computeFor(entry).equals(expected)) {
        return Optional.of(entry);
      }
      Files.delete(entry);
    } catch (IOException e) {
      // An unreadable entry counts as absent; the download replaces it.
    }
    return Optional.empty();
  }

  /** Refuses what the pom may not ask for without {@code insecure}; returns the file name. */
  private static String checkUrl(URI uri, Checksum expected, boolean insecure, String where)
      throws ArtifactException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new ArtifactException(
          where
              + ": \""
              + uri
              + "\" is not an http(s) URL. Use an https:// URL, or <file> for a local file.");
    }
    if (uri.getHost() == null) {
      throw new ArtifactException(where + ": \"" + uri + "\" has no host name. Fix the URL.");
    }
    if (scheme.equals("http") && !insecure) {
      throw new ArtifactException(
          where
              + ": "
              + uri
              + " uses plain http, which anyone on the way can alter. Use the https:// URL, or"
              + " set <insecure>true</insecure> to accept it.");
    }
    if (expected == null && !insecure) {
      throw new ArtifactException(
          where
              + ": "
              + uri
              + " has no checksum, so a changed or tampered file would go unnoticed. Add"
              + " <sha256>...</sha256> (or <sha512>) with the value the publisher gives, or that"
              + " `sha256sum` prints for a copy you trust; or set <insecure>true</insecure>.");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new ArtifactException(
          where
              + ": "
              + uri
              + " does not end in a file name (such as .../connector-1.0.zip), so the file's kind"
              + " (jar or archive) is unknown. Use the URL of the file itself.");
    }
    return name;
  }

  /** Downloads {@code uri} into a new temporary file of the cache directory. */
  private Path fetch(URI uri, String where) throws ArtifactException {
    Path temporary;
    try {
      temporary = Files.createTempFile(cache.directory(), "download-", ".part");
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot write to the download cache " + cache.directory() + ": " + e, e);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(responseTimeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status / 100 == 3) {
          String location = response.headers().firstValue("Location").orElse("(no Location)");
          throw new ArtifactException(
              String.format(
                  "%s: %s redirects (HTTP %d) to %s, which is not followed (a redirect from https"
                      + " to plain http is refused). Use the final https URL.",
                  where, uri, status, location));
        }
        if (status != 200) {
          throw new ArtifactException(
              String.format(
                  "%s: downloading %s failed with HTTP %d%s. Check the URL%s.",
                  where,
                  response.uri(),
                  status,
                  status == 404 ? " (not found)" : "",
                  status >= 500 ? ", or try again later: the server reported an error" : ""));
        }
        Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
      }
      return temporary;
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new ArtifactException(
          String.format(
              "%s: downloading %s failed: %s. Check the URL and the network (proxy, TLS trust"
                  + " store); an offline build needs the file in the cache from an earlier build"
                  + " with the same checksum.",
              where, uri, e),
          e);
    } catch (InterruptedException e) {
      deleteQuietly(temporary);
      Thread.currentThread().interrupt();
      throw new ArtifactException(where + ": downloading " + uri + " was interrupted", e);
    } catch (ArtifactException e) {
      deleteQuietly(temporary);
      throw e;
    }
  }

  private static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover .part file in the cache is harmless: no lookup ever returns it.
    }
  }
}
