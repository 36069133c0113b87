package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from real HTTPS and HTTP servers on 127.0.0.1. */
class UrlDownloaderTest {
  private static final String WHERE = "<connectors><connector name=\"jdbc\"><url>";
  private static final byte[] JAR =
      "not really a jar, but bytes all the same\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path keys;
  @TempDir Path work;
  private Path cache;
  private LocalHttpServer https;
  private UrlDownloader downloader;
  private Checksum jarSha256;

  @BeforeEach
  void start() throws Exception {
    cache = work.resolve("cache");
    https = LocalHttpServer.https(keys);
    downloader = new UrlDownloader(cache, client(https), Duration.ofSeconds(20));
    Path reference = Files.write(work.resolve("reference"), JAR);
    jarSha256 = Checksum.sha256Of(reference);
  }

  @AfterEach
  void stop() {
    https.close();
  }

  private static HttpClient client(LocalHttpServer server) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (server.clientContext() != null) {
      builder.sslContext(server.clientContext());
    }
    return builder.build();
  }

  @Test
  void downloadsOverHttpsAndVerifiesTheChecksum() throws Exception {
    https.serve("/lib/driver-1.0.jar", JAR);
    Path file = downloader.download(https.uri("/lib/driver-1.0.jar"), jarSha256, false, WHERE);
    assertArrayEquals(JAR, Files.readAllBytes(file));
    assertEquals("driver-1.0.jar", file.getFileName().toString());
    assertEquals(cache.resolve("sha256").resolve(jarSha256.hex()).resolve("driver-1.0.jar"), file);
    assertEquals(List.of("/lib/driver-1.0.jar"), https.requests);
  }

  @Test
  void acceptsASha512Too() throws Exception {
    https.serve("/driver.jar", JAR);
    Checksum sha512 =
        Checksum.of(
            "sha512", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(JAR)));
    Path file = downloader.download(https.uri("/driver.jar"), sha512, false, WHERE);
    assertArrayEquals(JAR, Files.readAllBytes(file));
  }

  @Test
  void reusesTheCachedFileWithoutASecondRequest() throws Exception {
    https.serve("/driver.jar", JAR);
    Path first = downloader.download(https.uri("/driver.jar"), jarSha256, false, WHERE);
    https.close(); // the next build: no server at all, and Maven offline
    UrlDownloader nextBuild = new UrlDownloader(cache).offline();
    Path second = nextBuild.download(https.uri("/driver.jar"), jarSha256, false, WHERE);
    assertEquals(first, second);
    assertEquals(List.of("/driver.jar"), https.requests);
  }

  @Test
  void offlineAFileNotInTheCacheIsAnErrorAndNoRequest() {
    https.serve("/driver.jar", JAR);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> downloader.offline().download(https.uri("/driver.jar"), jarSha256, false, WHERE));
    assertEquals(
        WHERE
            + ": "
            + https.uri("/driver.jar")
            + " is not in the download cache "
            + cache
            + ", and Maven runs offline. Build once without -o to download it.",
        e.getMessage());
    assertEquals(List.of(), https.requests);
  }

  @Test
  void aDamagedCacheEntryIsDownloadedAgain() throws Exception {
    https.serve("/driver.jar", JAR);
    Path file = downloader.download(https.uri("/driver.jar"), jarSha256, false, WHERE);
    Files.writeString(file, "tampered");
    Path again = downloader.download(https.uri("/driver.jar"), jarSha256, false, WHERE);
    assertArrayEquals(JAR, Files.readAllBytes(again));
    assertEquals(2, https.requests.size());
  }

  @Test
  void aWrongChecksumFailsAndLeavesNothingInTheCache() throws Exception {
    https.serve("/driver.jar", JAR);
    Checksum wrong = Checksum.of("sha256", "0".repeat(64));
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> downloader.download(https.uri("/driver.jar"), wrong, false, WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().contains("<sha256>" + jarSha256.hex() + "</sha256>"), e.getMessage());
    assertTrue(e.getMessage().contains("Nothing was kept in the cache"), e.getMessage());
    assertEquals(List.of(), filesIn(cache));
  }

  @Test
  void notFoundNamesTheStatusAndTheUrl() {
    URI missing = https.uri("/no/such-connector.zip");
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> downloader.download(missing, jarSha256, false, WHERE));
    assertEquals(
        WHERE + ": downloading " + missing + " failed with HTTP 404 (not found). Check the URL.",
        e.getMessage());
    assertEquals(List.of(), filesIn(cache));
  }

  @Test
  void aServerErrorSaysToTryAgain() {
    https.fail("/driver.jar", 503);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> downloader.download(https.uri("/driver.jar"), jarSha256, false, WHERE));
    assertTrue(e.getMessage().contains("failed with HTTP 503"), e.getMessage());
    assertTrue(e.getMessage().contains("try again later"), e.getMessage());
  }

  @Test
  void followsRedirectsBetweenHttpsUrls() throws Exception {
    https.serve("/releases/driver-1.0.jar", JAR);
    https.redirect("/latest/driver.jar", https.uri("/releases/driver-1.0.jar"));
    Path file = downloader.download(https.uri("/latest/driver.jar"), jarSha256, false, WHERE);
    assertArrayEquals(JAR, Files.readAllBytes(file));
    assertEquals(List.of("/latest/driver.jar", "/releases/driver-1.0.jar"), https.requests);
  }

  @Test
  void refusesARedirectToPlainHttp() throws Exception {
    try (LocalHttpServer http = LocalHttpServer.http()) {
      http.serve("/driver.jar", JAR);
      https.redirect("/driver.jar", http.uri("/driver.jar"));
      ArtifactException e =
          assertThrows(
              ArtifactException.class,
              () -> downloader.download(https.uri("/driver.jar"), jarSha256, false, WHERE));
      assertTrue(e.getMessage().contains("redirects (HTTP 302) to " + http.uri("/driver.jar")));
      assertEquals(List.of(), http.requests);
    }
  }

  @Test
  void refusesPlainHttpBeforeAnyRequest() throws Exception {
    try (LocalHttpServer http = LocalHttpServer.http()) {
      http.serve("/driver.jar", JAR);
      UrlDownloader plain = new UrlDownloader(cache, client(http), Duration.ofSeconds(20));
      ArtifactException e =
          assertThrows(
              ArtifactException.class,
              () -> plain.download(http.uri("/driver.jar"), jarSha256, false, WHERE));
      assertEquals(
          WHERE
              + ": "
              + http.uri("/driver.jar")
              + " uses plain http, which anyone on the way can alter. Use the https:// URL, or set"
              + " <insecure>true</insecure> to accept it.",
          e.getMessage());
      assertEquals(List.of(), http.requests);

      // The same URL is fetched once the pom says insecure.
      Path file = plain.download(http.uri("/driver.jar"), jarSha256, true, WHERE);
      assertArrayEquals(JAR, Files.readAllBytes(file));
    }
  }

  @Test
  void refusesAMissingChecksumBeforeAnyRequest() {
    https.serve("/driver.jar", JAR);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> downloader.download(https.uri("/driver.jar"), null, false, WHERE));
    assertTrue(
        e.getMessage().startsWith(WHERE + ": " + https.uri("/driver.jar") + " has no checksum"));
    assertTrue(e.getMessage().contains("Add <sha256>...</sha256>"), e.getMessage());
    assertTrue(e.getMessage().contains("or set <insecure>true</insecure>"), e.getMessage());
    assertEquals(List.of(), https.requests);
  }

  @Test
  void insecureWithoutChecksumDownloadsEveryTime() throws Exception {
    https.serve("/driver.jar", JAR);
    Path first = downloader.download(https.uri("/driver.jar"), null, true, WHERE);
    Path second = downloader.download(https.uri("/driver.jar"), null, true, WHERE);
    assertArrayEquals(JAR, Files.readAllBytes(second));
    assertEquals(first, second);
    assertEquals(2, https.requests.size());
    assertFalse(first.startsWith(cache.resolve("sha256")), "unverified files are kept apart");
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    https.serve("/driver.jar", JAR);
    UrlDownloader defaultTrust = new UrlDownloader(cache);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> defaultTrust.download(https.uri("/driver.jar"), jarSha256, true, WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": downloading "), e.getMessage());
    assertTrue(e.getMessage().contains("TLS trust store"), e.getMessage());
    assertEquals(List.of(), filesIn(cache));
  }

  @Test
  void aServerThatDoesNotAnswerTimesOut() {
    https.stall("/driver.jar", Duration.ofSeconds(5));
    UrlDownloader impatient = new UrlDownloader(cache, client(https), Duration.ofMillis(300));
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> impatient.download(https.uri("/driver.jar"), jarSha256, false, WHERE));
    assertTrue(e.getMessage().startsWith(WHERE + ": downloading "), e.getMessage());
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    assertEquals(List.of(), filesIn(cache));
  }

  @Test
  void refusesUrlsWithoutAFileName() {
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> downloader.download(https.uri("/connectors/"), jarSha256, false, WHERE));
    assertTrue(e.getMessage().contains("does not end in a file name"), e.getMessage());
  }

  private static List<Path> filesIn(Path directory) {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
