package io.cpimage.belt.cub;

import static io.cpimage.belt.testing.CubRun.cub;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cpimage.belt.testing.CubRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cub listeners}: every advertised host becomes 0.0.0.0. */
class ListenersCommandTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PLAINTEXT://kafka:9092 | PLAINTEXT://0.0.0.0:9092",
        "PLAINTEXT://kafka-1.example.com:9092,SSL://kafka-1.example.com:9093"
            + " | PLAINTEXT://0.0.0.0:9092,SSL://0.0.0.0:9093",
        // Spaces after commas stay, as in Confluent's cub.
        "'PLAINTEXT://a:9092, SSL://b:9093' | 'PLAINTEXT://0.0.0.0:9092, SSL://0.0.0.0:9093'",
        // Fixed: Confluent's cub printed PLAINTEXT://0.0.0.0::1]:9092.
        "PLAINTEXT://[::1]:9092 | PLAINTEXT://0.0.0.0:9092",
        "SSL://[2001:db8::7]:9093,PLAINTEXT://host:9092 | SSL://0.0.0.0:9093,PLAINTEXT://0.0.0.0:9092",
        // Fixed: Confluent's cub swallowed the next listener (PLAINTEXT://0.0.0.0://bar:9093).
        "PLAINTEXT://foo,SSL://bar:9093 | PLAINTEXT://0.0.0.0,SSL://0.0.0.0:9093",
        "PLAINTEXT://:9092 | PLAINTEXT://0.0.0.0:9092",
        "INTERNAL://broker:29092,EXTERNAL://localhost:9092"
            + " | INTERNAL://0.0.0.0:29092,EXTERNAL://0.0.0.0:9092",
      })
  void replacesEveryHost(String advertised, String expected) {
    CubRun run = cub("listeners", advertised);

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(expected + System.lineSeparator(), run.out());
  }

  @Test
  void emptyInputFailsWithoutOutput() {
    CubRun run = cub("listeners", "");

    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("", run.out());
  }

  @Test
  void missingArgumentIsAUsageError() {
    assertEquals(2, cub("listeners").exitCode());
  }
}
