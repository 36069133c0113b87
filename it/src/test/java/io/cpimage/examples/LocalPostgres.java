package io.cpimage.examples;

import io.cpimage.baseimages.DockerRequired;
import io.cpimage.baseimages.HostPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server of this machine's packages, started from a temporary directory on
 * 127.0.0.1 and a free port, with password authentication; {@link #close()} stops it and deletes
 * the directory. initdb refuses to run as root, so a root JVM runs the server as {@code postgres}.
 */
final class LocalPostgres implements AutoCloseable {
  /** Overrides where the server binaries (initdb, pg_ctl, postgres) are looked up. */
  static final String BIN_ENV = "CP_IMAGE_POSTGRESQL_BIN";

  static final String USER = "postgres";
  static final String PASSWORD = "sink-secret";

  private final Path bin;
  private final Path directory;
  private final boolean asPostgresUser;
  private final int port;
  private boolean running;

  private LocalPostgres(Path bin, Path directory, boolean asPostgresUser, int port) {
    this.bin = bin;
    this.directory = directory;
    this.asPostgresUser = asPostgresUser;
    this.port = port;
  }

  /**
   * The directory of the server binaries: {@code $CP_IMAGE_POSTGRESQL_BIN}, else the newest Debian
   * {@code /usr/lib/postgresql/<major>/bin}. Without one the calling test class is skipped with a
   * loud message, or fails when {@code -Dcp-image.requireDocker=true} (CI), as for Docker.
   */
  static Path binariesOrSkip(String testName) {
    Optional<Path> found = binaries();
    if (found.isEmpty()) {
      DockerRequired.skipOrFail(
          "No PostgreSQL server binaries (initdb, pg_ctl, postgres under /usr/lib/postgresql/*/bin"
              + " or $"
              + BIN_ENV
              + "): "
              + testName
              + " cannot run (install them with `bash scripts/postgresql.sh`).");
    }
    return found.get();
  }

  static Optional<Path> binaries() {
    String override = System.getenv(BIN_ENV);
    if (override != null && !override.isBlank()) {
      Path dir = Paths.get(override);
      return hasServer(dir) ? Optional.of(dir) : Optional.empty();
    }
    Path root = Paths.get("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> majors = Files.newDirectoryStream(root)) {
      for (Path major : majors) {
        if (major.getFileName().toString().matches("\\d+") && hasServer(major.resolve("bin"))) {
          candidates.add(major.resolve("bin"));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return candidates.stream()
        .max(
            Comparator.comparingInt(p -> Integer.parseInt(p.getParent().getFileName().toString())));
  }

  private static boolean hasServer(Path dir) {
    return Stream.of("initdb", "pg_ctl", "postgres")
        .allMatch(b -> Files.isExecutable(dir.resolve(b)));
  }

  /** initdb in a new temporary directory, then starts the server and waits until it accepts. */
  static LocalPostgres start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path directory = Files.createTempDirectory("cp-image-postgres-");
    LocalPostgres postgres = new LocalPostgres(bin, directory, root, HostPorts.free());
    try {
      postgres.initAndStart();
      return postgres;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      postgres.close();
      throw e;
    }
  }

  private void initAndStart() throws IOException, InterruptedException {
    Path passwordFile = directory.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (asPostgresUser) {
      exec(List.of("chown", "-R", USER + ":", directory.toString()));
    }
    run(
        bin.resolve("initdb").toString(),
        "--pgdata=" + directory.resolve("data"),
        "--username=" + USER,
        "--pwfile=" + passwordFile,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--no-sync");
    // Listens on 127.0.0.1 only, its socket in its own directory (not /var/run/postgresql); fsync
    // off: the data is thrown away.
    run(
        bin.resolve("pg_ctl").toString(),
        "--pgdata=" + directory.resolve("data"),
        "--log=" + directory.resolve("server.log"),
        "--wait",
        "--timeout=60",
        "--options=-h 127.0.0.1 -p " + port + " -k " + directory + " -c fsync=off",
        "start");
    running = true;
  }

  int port() {
    return port;
  }

  /** The JDBC URL of {@code database} as the test JVM and the host-network worker reach it. */
  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  void createDatabase(String name) throws SQLException {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  /** The server's own log, for failure messages. */
  String serverLog() {
    try {
      return Files.readString(directory.resolve("server.log"));
    } catch (IOException e) {
      return "(no server log: " + e + ")";
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (running) {
        running = false;
        run(
            bin.resolve("pg_ctl").toString(),
            "--pgdata=" + directory.resolve("data"),
            "--mode=immediate",
            "--wait",
            "stop");
      }
    } finally {
      try (Stream<Path> walk = Files.walk(directory)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private void run(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    if (asPostgresUser) {
      line.addAll(List.of("runuser", "-u", USER, "--"));
    }
    line.addAll(List.of(command));
    exec(line);
  }

  private static void exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    // Read before waiting, so a chatty command cannot block on a full pipe.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not end:\n" + output);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + output);
    }
  }
}
