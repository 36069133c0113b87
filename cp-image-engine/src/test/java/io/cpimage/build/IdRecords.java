package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The records of a base copy's image ID ({@code BaseImages}), as a stopped build could leave them.
 */
final class IdRecords {

  private IdRecords() {}

  /** Cuts {@code record} short, as a write stopped midway would leave it. */
  static void damage(Path record) throws IOException {
    byte[] whole = Files.readAllBytes(record);
    Files.write(record, Arrays.copyOf(whole, whole.length - 10));
  }

  /** Fails if a temporary file of a record's write is left in {@code directory}. */
  static void assertNoneHalfWritten(Path directory) throws IOException {
    try (var left = Files.list(directory)) {
      assertEquals(
          List.of(), left.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList());
    }
  }
}
