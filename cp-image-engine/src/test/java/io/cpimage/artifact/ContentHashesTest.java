package io.cpimage.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a later build (a new instance over the same directory) trusts a file's kept hash by its size
 * and time: only if the file's time was safely past when it was read, which for a file system that
 * records fractions of a second is a tenth of a second, and for one with whole seconds two seconds.
 */
class ContentHashesTest {
  @TempDir Path temp;

  private final AtomicInteger reads = new AtomicInteger();

  /** A jar copied or built half a second before the build is not read again by the next one. */
  @Test
  void aFileChangedHalfASecondAgoIsKept() throws Exception {
    Path jar = fileChanged(Instant.now().minusMillis(500).plusNanos(123_456));

    String first = laterBuild().of(jar);
    String second = laterBuild().of(jar);

    assertEquals(Checksum.sha256Of(jar).hex(), first);
    assertEquals(first, second);
    assertEquals(1, reads.get());
  }

  /** Changed in this very tick: a change in the same tick could keep its size and time. */
  @Test
  void aFileChangedJustNowIsReadAgain() throws Exception {
    Path jar = fileChanged(Instant.now().plusNanos(123_456));

    laterBuild().of(jar);
    laterBuild().of(jar);

    assertEquals(2, reads.get());
  }

  /** A time in whole seconds may come from a two-second clock: kept only after two seconds. */
  @Test
  void aTimeInWholeSecondsIsKeptOnlyWhenTwoSecondsOld() throws Exception {
    long second = TimeUnit.MILLISECONDS.toSeconds(System.currentTimeMillis());
    Path recent = fileChanged(Instant.ofEpochSecond(second - 1));
    Path old = Files.writeString(temp.resolve("old.jar"), "old");
    Files.setLastModifiedTime(old, FileTime.from(Instant.ofEpochSecond(second - 3)));

    laterBuild().of(recent);
    laterBuild().of(recent);
    laterBuild().of(old);
    laterBuild().of(old);

    assertEquals(3, reads.get());
  }

  private Path fileChanged(Instant at) throws Exception {
    Path jar = Files.writeString(temp.resolve("connector.jar"), "connector bytes");
    Files.setLastModifiedTime(jar, FileTime.from(at));
    assumeTrue(
        Files.getLastModifiedTime(jar).equals(FileTime.from(at)),
        "this file system does not keep a file's time to the nanosecond");
    return jar;
  }

  private ContentHashes laterBuild() {
    return new ContentHashes(
        temp.resolve("file-hashes"),
        file -> {
          reads.incrementAndGet();
          return Checksum.sha256Of(file).hex();
        });
  }
}
