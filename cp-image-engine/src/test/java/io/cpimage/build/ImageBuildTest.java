package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.build.BaseFilesystem.Node;
import io.cpimage.build.BaseFilesystem.Type;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.testing.ClassJars;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole engine, tar to tar, without Maven and without Docker. */
class ImageBuildTest {
  @TempDir Path temp;

  private Path baseTar() throws IOException {
    return baseTar(temp);
  }

  /** A two-layer docker-save base in {@code temp}: users, and a plugin path owned by appuser. */
  static Path baseTar(Path temp) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "layer.tar",
        BaseFilesystemTest.layer(
            false,
            new Object[] {"./etc/", 0, 0, 0755},
            new Object[] {"./etc/passwd", 0, 0, 0644},
            new Object[] {"./usr/", 0, 0, 0755},
            new Object[] {"./usr/share/", 0, 0, 0755},
            new Object[] {"./usr/share/confluent-hub-components/", 1000, 0, 0775}));
    // BaseFilesystemTest.layer writes "content of <name>" into files: give passwd real content.
    files.put(
        "layer2.tar",
        passwdLayer("root:x:0:0::/root:/bin/sh\nappuser:x:1000:1000::/home/appuser:/bin/sh\n"));
    files.put(
        "config.json",
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"appuser\","
                + "\"Env\":[\"PATH=/usr/bin:/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + diffId(files.get("layer.tar"))
                + "\",\""
                + diffId(files.get("layer2.tar"))
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8));
    files.put(
        "manifest.json",
        "[{\"Config\":\"config.json\",\"RepoTags\":[\"base:1\"],\"Layers\":[\"layer.tar\",\"layer2.tar\"]}]"
            .getBytes(StandardCharsets.UTF_8));
    return BaseImageTest.imageTar(temp.resolve("base.tar"), false, files);
  }

  private static String diffId(byte[] layer) {
    try {
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(layer));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] passwdLayer(String passwd) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] content = passwd.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("etc/passwd");
      entry.setMode(0100644);
      entry.setSize(content.length);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private ImageSpec spec(Path base, String name, List<String> volumes)
      throws IOException, ImageBuildException {
    return builder(base, name, volumes, List.of(), List.of()).build();
  }

  /** The specs' builder: from the tar {@code base} to {@code <name>.tar}, with one library. */
  private ImageSpec.Builder builder(
      Path base,
      String name,
      List<String> volumes,
      List<CredentialSource> fromCredentials,
      List<CredentialSource> toCredentials)
      throws IOException, ImageBuildException {
    Path jar = Files.writeString(temp.resolve("driver.jar"), "not really a jar");
    return ImageSpec.builder(
            location("tar://" + base).withRegistryAccess(fromCredentials, false),
            location("tar://" + temp.resolve(name + ".tar"))
                .withRegistryAccess(toCredentials, false),
            temp.resolve("work-" + name))
        .tarImageName("test/image:1")
        .environment(new LinkedHashMap<>(Map.of("PATH", "/opt/tools/bin:$PATH")))
        .labels(Map.of("team", "engine"))
        .ports(List.of("8083"))
        .volumes(volumes)
        .libraries(
            List.of(
                new ImageSpec.LibrarySpec(
                    new ConnectorSource.LocalFile(jar, null), null, "<libraries><library>")))
        .utilityBelt(false)
        .downloadCache(temp.resolve("downloads"))
        .artifactResolver(
            (coordinates, transitive, where) -> {
              throw new AssertionError("this spec declares no Maven coordinates");
            });
  }

  private ImageLocation location(String image) throws ImageBuildException {
    return ImageLocation.parse(image, "<image>", temp);
  }

  /**
   * A connector carrying kafka-clients fails the build before anything is written; with {@code
   * strictPlugins(false)} the image is built and the problem logged as a warning.
   */
  @Test
  void pluginIsolationProblemsFailTheBuildUnlessNotStrict() throws Exception {
    Path base = baseTar();
    Path connector = Files.createDirectories(temp.resolve("connector-with-clients"));
    for (Class<?> type :
        List.of(
            org.apache.kafka.connect.file.FileStreamSourceConnector.class,
            org.apache.kafka.clients.producer.KafkaProducer.class)) {
      Path jar = ClassJars.jarOf(type);
      Files.copy(jar, connector.resolve(jar.getFileName()));
    }
    java.util.function.Function<Boolean, ImageSpec> spec =
        strict -> {
          try {
            String name = strict ? "strict" : "lenient";
            return ImageSpec.builder(
                    location("tar://" + base),
                    location("tar://" + temp.resolve(name + ".tar")),
                    temp.resolve("work-" + name))
                .tarImageName("test/image:1")
                .connectors(
                    List.of(
                        new ImageSpec.ConnectorSpec(
                            "file",
                            new ConnectorSource.LocalFile(connector, null),
                            List.of(),
                            "<connectors><connector name=\"file\">")))
                .utilityBelt(false)
                .strictPlugins(strict)
                .build();
          } catch (ImageBuildException e) {
            throw new AssertionError(e);
          }
        };

    ImageBuildException refused =
        assertThrows(ImageBuildException.class, () -> ImageBuild.run(spec.apply(true), e -> {}));
    // The refusal comes after the connector's layer was planned and started: its build is over, not
    // still writing into the cache of a build that failed.
    assertEquals(
        List.of(),
        Thread.getAllStackTraces().keySet().stream()
            .map(Thread::getName)
            .filter("cp-image-layers"::equals)
            .toList());
    List<com.google.cloud.tools.jib.api.LogEvent> events = new ArrayList<>();
    ImageBuild.run(spec.apply(false), events::add);

    assertTrue(
        refused
            .getMessage()
            .startsWith(
                "the connectors would not load as declared (1 problem):\n"
                    + "  <connectors><connector name=\"file\">: kafka-clients-"),
        refused.getMessage());
    assertTrue(
        refused
            .getMessage()
            .endsWith(
                "\nFix them, or set <strictPlugins>false</strictPlugins> to build with warnings."),
        refused.getMessage());
    assertFalse(Files.exists(temp.resolve("strict.tar")));
    assertTrue(Files.exists(temp.resolve("lenient.tar")));
    assertTrue(
        events.stream()
            .anyMatch(
                e ->
                    e.getLevel() == com.google.cloud.tools.jib.api.LogEvent.Level.WARN
                        && e.getMessage().contains("kafka-clients-")
                        && e.getMessage()
                            .endsWith("(a warning: <strictPlugins>false</strictPlugins>)")),
        events.toString());
  }

  /**
   * KIP-898: a connector without ServiceLoader manifests gets them in a jar of its own, in a layer
   * after the connectors', its own jar left byte for byte; a connector with its own is left alone;
   * the image records both directories beside the base's.
   */
  @Test
  void connectorsWithoutManifestsGetThemInALayerOfTheirOwn() throws Exception {
    Path base = baseTar();
    Path connectFile = connectFileJar();
    Path own = Files.createDirectories(temp.resolve("own"));
    Files.copy(connectFile, own.resolve("connect-file.jar"));
    Path stripped = Files.createDirectories(temp.resolve("stripped"));
    stripManifests(connectFile, stripped.resolve("connect-file-old.jar"));
    List<String> log = new ArrayList<>();
    BuildReport report =
        ImageBuild.run(
                ImageSpec.builder(
                        location("tar://" + base),
                        location("tar://" + temp.resolve("kip898.tar")),
                        temp.resolve("work-kip898"))
                    .tarImageName("test/image:1")
                    .connectors(
                        List.of(
                            new ImageSpec.ConnectorSpec(
                                "stripped",
                                new ConnectorSource.LocalFile(stripped, null),
                                List.of(),
                                "<connectors><connector name=\"stripped\">"),
                            new ImageSpec.ConnectorSpec(
                                "own",
                                new ConnectorSource.LocalFile(own, null),
                                List.of(),
                                "<connectors><connector name=\"own\">")))
                    .utilityBelt(false)
                    .strictPlugins(false)
                    .build(),
                e -> log.add(e.getMessage()))
            .report();

    assertEquals(
        List.of("connector:stripped", "connector:own", "connector-manifests", "sbom-and-file-tree"),
        report.layers().stream().map(BuildReport.LayerRecord::name).toList());
    Map<String, byte[]> files = filesOf(temp.resolve("kip898.tar"));
    String dir = "usr/share/confluent-hub-components/";
    assertArrayEquals(
        Files.readAllBytes(stripped.resolve("connect-file-old.jar")),
        files.get(dir + "stripped/connect-file-old.jar"));
    assertArrayEquals(Files.readAllBytes(connectFile), files.get(dir + "own/connect-file.jar"));
    assertFalse(files.containsKey(dir + "own/cp-image-manifests.jar"), files.keySet().toString());
    String manifest;
    try (java.util.zip.ZipInputStream jar =
        new java.util.zip.ZipInputStream(
            new java.io.ByteArrayInputStream(files.get(dir + "stripped/cp-image-manifests.jar")))) {
      assertEquals(
          "META-INF/services/org.apache.kafka.connect.sink.SinkConnector",
          jar.getNextEntry().getName());
      manifest = new String(jar.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(
        manifest.endsWith("\norg.apache.kafka.connect.file.FileStreamSinkConnector\n"), manifest);
    assertEquals(
        "/usr/share/confluent-hub-components/stripped," + "/usr/share/confluent-hub-components/own",
        report.environment().get("CP_IMAGE_CONNECT_MANIFESTS"));
    assertTrue(
        log.contains("Connector own: its own ServiceLoader manifests name every plugin"),
        log.toString());
  }

  /** The build never replaces a connector's own file by the name of the manifests jar. */
  @Test
  void aConnectorsOwnFileNamedLikeTheManifestsJarIsNotReplaced() throws Exception {
    Path base = baseTar();
    Path connector = Files.createDirectories(temp.resolve("clash"));
    stripManifests(connectFileJar(), connector.resolve("connect-file-old.jar"));
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(
            Files.newOutputStream(connector.resolve("cp-image-manifests.jar")))) {
      out.putNextEntry(new java.util.jar.JarEntry("README.txt"));
    }
    ImageSpec spec =
        ImageSpec.builder(
                location("tar://" + base),
                location("tar://" + temp.resolve("clash.tar")),
                temp.resolve("work-clash"))
            .tarImageName("test/image:1")
            .connectors(
                List.of(
                    new ImageSpec.ConnectorSpec(
                        "clash",
                        new ConnectorSource.LocalFile(connector, null),
                        List.of(),
                        "<connectors><connector name=\"clash\">")))
            .utilityBelt(false)
            .build();

    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> ImageBuild.run(spec, event -> {}));

    assertEquals(
        "<connectors><connector name=\"clash\">: the connector holds a file named"
            + " cp-image-manifests.jar, the jar the build writes the ServiceLoader manifests it"
            + " lacks into (for org.apache.kafka.connect.sink.SinkConnector,"
            + " org.apache.kafka.connect.source.SourceConnector). Rename or remove that file.",
        e.getMessage());
    assertFalse(Files.exists(temp.resolve("clash.tar")));
  }

  private static Path connectFileJar() {
    return ClassJars.jarOf(org.apache.kafka.connect.file.FileStreamSourceConnector.class);
  }

  /** Copies a jar without its META-INF/services entries, as connectors before Kafka 3.6 are. */
  private static void stripManifests(Path jar, Path target) throws IOException {
    try (java.util.jar.JarInputStream in =
            new java.util.jar.JarInputStream(Files.newInputStream(jar));
        java.util.jar.JarOutputStream out =
            new java.util.jar.JarOutputStream(Files.newOutputStream(target))) {
      for (var entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
        if (!entry.getName().startsWith("META-INF/services/")) {
          out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
          out.write(in.readAllBytes());
        }
      }
    }
  }

  /** Every file of the image tar's layers, by path without the leading "./" or "/". */
  /** The file tree of every layer of the docker-save tar {@code image}, applied bottom first. */
  private static BaseFilesystem layersApplied(Path image) throws IOException {
    BaseFilesystem tree = BaseFilesystem.empty();
    try (ImageTar file = ImageTar.open(image)) {
      for (String layer : file.manifest().layers()) {
        try (InputStream in = file.open(layer)) {
          tree.applyLayer(in);
        }
      }
    }
    return tree;
  }

  private static Map<String, byte[]> filesOf(Path image) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(image))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        byte[] content = tar.readAllBytes();
        if (content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
          try (TarArchiveInputStream layer =
              new TarArchiveInputStream(
                  new GZIPInputStream(new java.io.ByteArrayInputStream(content)))) {
            for (TarArchiveEntry file = layer.getNextEntry();
                file != null;
                file = layer.getNextEntry()) {
              if (file.isFile()) {
                files.put(file.getName().replaceFirst("^\\.?/", ""), layer.readAllBytes());
              }
            }
          }
        }
      }
    }
    return files;
  }

  @Test
  void buildsReproduciblyAndTheResultKeepsOwnershipAsTheNextBase() throws Exception {
    Path base = baseTar();
    List<String> log = new ArrayList<>();
    BuildReport first =
        ImageBuild.run(
                spec(base, "first", List.of("/var/lib/kafka/data")), e -> log.add(e.getMessage()))
            .report();
    BuildReport second =
        ImageBuild.run(spec(base, "second", List.of("/var/lib/kafka/data")), e -> {}).report();

    assertEquals(first.digest(), second.digest());
    // A tar target's log ends with the layer table too: the base's layer reused, ours new.
    List<String> rows = new ArrayList<>();
    for (String line : log) {
      if (line.matches("layer +size  reused or new")) {
        rows.clear();
      } else if (line.matches("\\S+( \\S+)* +[0-9.]+ [kM]?B  (new|reused \\(\\w+\\))")) {
        rows.add(line);
      }
    }
    assertEquals(5, rows.size(), String.join("\n", log));
    assertTrue(rows.get(0).matches("base layer 1/2 +[0-9.]+ B  reused \\(base\\)"), rows.get(0));
    assertTrue(rows.get(1).matches("base layer 2/2 +[0-9.]+ B  reused \\(base\\)"), rows.get(1));
    assertEquals(
        List.of("libraries", "volumes", "sbom-and-file-tree"),
        rows.subList(2, 5).stream()
            .filter(row -> row.endsWith("  new"))
            .map(row -> row.split(" ")[0])
            .toList());
    assertArrayEquals(
        Files.readAllBytes(temp.resolve("first.tar")),
        Files.readAllBytes(temp.resolve("second.tar")));
    assertEquals(
        List.of("libraries", "volumes", "sbom-and-file-tree"),
        first.layers().stream().map(BuildReport.LayerRecord::name).toList());
    assertEquals("/opt/tools/bin:/usr/bin:/bin", first.environment().get("PATH"));
    assertTrue(Files.isRegularFile(temp.resolve("work-first/report.json")));
    assertTrue(log.stream().anyMatch(line -> line.startsWith("Base image tar://")), log.toString());

    // jib's own tar is a valid base for the next build, and our layers kept the base's owners.
    // Its file tree comes from the tree the build left in the image, and is the tree its layers
    // give, node for node, with the same captured files and Kafka jars.
    List<String> nextLog = new ArrayList<>();
    BaseImage next = TarBase.read(temp.resolve("first.tar"), temp.resolve("next"), nextLog);
    assertEquals(
        List.of(
            "Base image tar://"
                + temp.resolve("first.tar")
                + ": its file tree from the image's /usr/share/cp-image/file-tree"),
        nextLog);
    BaseFilesystem fs = next.filesystem();
    BaseFilesystem layers = layersApplied(temp.resolve("first.tar"));
    assertEquals(new TreeMap<>(layers.nodes()), new TreeMap<>(fs.nodes()));
    assertEquals(layers.digests(), fs.digests());
    assertEquals(layers.contents().keySet(), fs.contents().keySet());
    layers.contents().forEach((path, bytes) -> assertArrayEquals(bytes, fs.contents().get(path)));
    assertEquals(Set.of("/usr/share/java/kafka/driver.jar"), fs.kafkaJars().keySet());
    assertEquals(
        new Node(Type.FILE, 0, 0, 0644, null), fs.lookup(ImageFileTree.IMAGE_PATH).orElseThrow());
    assertEquals(
        new Node(Type.DIRECTORY, 1000, 0, 0775, null),
        fs.lookup("/var/lib/kafka/data").orElseThrow());
    assertEquals(
        new Node(Type.DIRECTORY, 0, 0, 0755, null), fs.lookup("/usr/share/java").orElseThrow());
    assertEquals(
        "1000:0", fs.lookup("/usr/share/confluent-hub-components").orElseThrow().ownership());
    assertEquals(0644, fs.lookup("/usr/share/java/kafka/driver.jar").orElseThrow().mode());
    assertEquals("/opt/tools/bin:/usr/bin:/bin", next.environment().get("PATH"));
  }

  @Test
  void aBaseThatHoldsThisBeltGetsNoSecondCopyOfIt() throws Exception {
    // The first image gets the belt; an image on it finds it there, byte for byte, and adds none.
    BuildReport first = ImageBuild.run(beltSpec(baseTar(), "first", List.of()), e -> {}).report();
    assertEquals(
        List.of("utility-belt", "libraries", "sbom-and-file-tree"),
        first.layers().stream().map(BuildReport.LayerRecord::name).toList());
    List<String> log = new ArrayList<>();
    BuildReport second =
        ImageBuild.run(
                beltSpec(temp.resolve("first.tar"), "second", List.of()),
                e -> log.add(e.getMessage()))
            .report();
    assertEquals(
        List.of("libraries", "sbom-and-file-tree"),
        second.layers().stream().map(BuildReport.LayerRecord::name).toList());
    assertTrue(
        log.contains("Utility belt: the base holds this plugin's, byte for byte; no layer added"),
        String.join("\n", log));
    BaseFilesystem image = layersApplied(temp.resolve("second.tar"));
    assertEquals(
        layersApplied(temp.resolve("first.tar")).sha256("/usr/local/bin/dub"),
        image.sha256("/usr/local/bin/dub"));
    assertTrue(
        Files.readString(temp.resolve("work-second/sbom.cdx.json")).contains("\"utility-belt\""),
        "the SBOM still lists the belt the image holds");

    // A base whose dub was replaced after the belt went in gets the belt again, over it.
    Path patch = Files.createDirectories(temp.resolve("patch/usr/local/bin"));
    Files.writeString(patch.resolve("dub"), "#!/bin/sh\necho patched\n");
    ImageBuild.run(
        beltSpec(
            temp.resolve("second.tar"),
            "patched",
            List.of(new ImageSpec.ExtraDirectory(temp.resolve("patch"), "/"))),
        e -> {});
    BuildReport third =
        ImageBuild.run(beltSpec(temp.resolve("patched.tar"), "third", List.of()), e -> {}).report();
    assertEquals("utility-belt", third.layers().get(0).name());
    assertEquals(
        layersApplied(temp.resolve("first.tar")).sha256("/usr/local/bin/dub"),
        layersApplied(temp.resolve("third.tar")).sha256("/usr/local/bin/dub"));
  }

  /** A spec with the bundled utility belt, from the tar {@code base}, to {@code <name>.tar}. */
  private ImageSpec beltSpec(Path base, String name, List<ImageSpec.ExtraDirectory> extras)
      throws IOException, ImageBuildException {
    return builder(base, name, List.of(), List.of(), List.of())
        .utilityBelt(true)
        .extraDirectories(extras)
        .build();
  }

  @Test
  void badInputFailsBeforeAnythingIsWritten() throws Exception {
    Path base = baseTar();
    ImageBuildException e =
        assertThrows(
            ImageBuildException.class,
            () -> ImageBuild.run(spec(base, "bad", List.of("/etc/passwd")), event -> {}));
    assertEquals(
        "<volumes><volume> '/etc/passwd' is a file in the base image, not a directory; choose another path",
        e.getMessage());
    assertTrue(Files.notExists(temp.resolve("bad.tar")));
    assertTrue(Files.notExists(temp.resolve("bad.tar.partial")));
    assertTrue(Files.notExists(temp.resolve("work-bad/report.json")));
  }

  @Test
  void aRegistryTargetIsRefusedOfflineBeforeAnythingIsWritten() throws Exception {
    Path base = baseTar();
    ImageSpec spec =
        ImageSpec.builder(
                location("tar://" + base),
                location("registry.example/acme/connect:1"),
                temp.resolve("work-offline"))
            .utilityBelt(false)
            .offline(true)
            .downloadCache(temp.resolve("downloads"))
            .build();

    ImageBuildException e =
        assertThrows(ImageBuildException.class, () -> ImageBuild.run(spec, event -> {}));

    assertEquals(
        "<to><image> 'registry.example/acme/connect:1' is a registry, but Maven runs offline (-o);"
            + " drop -o, or build to docker://name or tar://path",
        e.getMessage());
    assertTrue(Files.notExists(temp.resolve("work-offline/report.json")));
  }

  /**
   * A push that fails inside jib (a registry port that refuses connections, over real HTTP) returns
   * only once every thread jib ran on has ended, so nothing logs after the build has failed. The
   * log holds one of jib's steps that does not wait for the registry until the build has returned
   * or the step is interrupted: jib's own pool, shut down without waiting, left that step running.
   */
  @Test
  void aBuildThatFailsInsideJibLeavesNoThreadOfJibsRunning() throws Exception {
    String refusing;
    try (ServerSocket socket = new ServerSocket(0)) {
      refusing = "127.0.0.1:" + socket.getLocalPort() + "/test/image:1";
    }
    ImageSpec spec =
        ImageSpec.builder(
                location("tar://" + baseTar()),
                location(refusing).withRegistryAccess(List.of(), true),
                temp.resolve("work-refused"))
            .utilityBelt(false)
            .downloadCache(temp.resolve("downloads"))
            .build();
    Thread caller = Thread.currentThread();
    Set<Thread> logging = ConcurrentHashMap.newKeySet();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch returned = new CountDownLatch(1);
    List<String> late = new CopyOnWriteArrayList<>();
    Consumer<LogEvent> log =
        event -> {
          if (returned.getCount() == 0) {
            late.add(event.getMessage());
          }
          if (Thread.currentThread() == caller) {
            return;
          }
          logging.add(Thread.currentThread());
          // jib's steps that build a layer or the manifest, none of which waits for the registry.
          if (event.getMessage().startsWith("Building ") && held.getCount() > 0) {
            held.countDown();
            try {
              returned.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };

    ImageBuildException failed;
    List<String> alive;
    try {
      failed = assertThrows(ImageBuildException.class, () -> ImageBuild.run(spec, log));
      alive = logging.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    } finally {
      returned.countDown();
    }
    for (Thread thread : logging) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertTrue(
        failed.getMessage().startsWith("Pushing " + refusing + " failed: "), failed.getMessage());
    assertEquals(0, held.getCount(), "no step of jib's was held");
    assertEquals(List.of(), alive, "threads that logged, alive after the build returned");
    assertEquals(List.of(), late, "logged after the build returned");
  }

  @Test
  void registryCredentialsReachNoLayerLabelConfigReportOrLog() throws Exception {
    // What <from><auth>, <to><auth> and settings.xml <server> passwords become in the spec.
    List<String> secrets =
        List.of(
            "from-user-5b1d", "from-pass-9c2e", "to-user-7a3f", "to-pass-4d8b", "srv-pass-1e6c");
    List<CredentialSource> from =
        List.of(new CredentialSource.Known("from-user-5b1d", "from-pass-9c2e", "<from><auth>"));
    List<CredentialSource> to =
        List.of(
            new CredentialSource.Known("to-user-7a3f", "to-pass-4d8b", "<to><auth>"),
            new CredentialSource.Known(
                "to-user-7a3f", "srv-pass-1e6c", "settings.xml <server id=\"registry\">"));
    List<String> log = new ArrayList<>();

    ImageBuild.run(
        builder(baseTar(), "secret", List.of("/var/lib/kafka/data"), from, to).build(),
        event -> log.add(event.getMessage()));

    String image = readable(Files.readAllBytes(temp.resolve("secret.tar")));
    StringBuilder work = new StringBuilder();
    try (var files = Files.walk(temp.resolve("work-secret"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        work.append(file).append('\n').append(readable(Files.readAllBytes(file)));
      }
    }
    String report = Files.readString(temp.resolve("work-secret/report.json"));
    // The scan sees what the build put there: the label in the config, a layer's file name and
    // content, and the report; so a secret written next to them would be seen too.
    assertTrue(image.contains("\"team\":\"engine\""), "config label not found in the image tar");
    assertTrue(image.contains("usr/share/java/kafka/driver.jar"), "layer entry not found");
    assertTrue(image.contains("not really a jar"), "layer content not found");
    assertTrue(report.contains("driver.jar"), report);
    for (String secret : secrets) {
      assertFalse(image.contains(secret), secret + " is in the image tar (layers or config)");
      assertFalse(work.toString().contains(secret), secret + " is in target/cp-image");
      assertFalse(String.join("\n", log).contains(secret), secret + " is in the build log");
    }
  }

  /** The bytes as text, each gzip member (a compressed layer inside the image tar) unpacked. */
  private static String readable(byte[] bytes) throws IOException {
    StringBuilder text = new StringBuilder();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new java.io.ByteArrayInputStream(bytes))) {
      TarArchiveEntry entry;
      boolean isTar = false;
      while ((entry = tar.getNextEntry()) != null) {
        isTar = true;
        text.append(entry.getName()).append('\n');
        byte[] content = tar.readAllBytes();
        boolean gzip =
            content.length > 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b;
        if (gzip) {
          try (GZIPInputStream unzipped =
              new GZIPInputStream(new java.io.ByteArrayInputStream(content))) {
            content = unzipped.readAllBytes();
          }
        }
        // A layer tar's entries (names, pax headers, contents) are all in its raw bytes.
        text.append(new String(content, StandardCharsets.ISO_8859_1)).append('\n');
      }
      if (isTar) {
        return text.toString();
      }
    } catch (IOException notATar) {
      // Not a tar (report.json, a staged jar): scan the bytes as they are.
    }
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
