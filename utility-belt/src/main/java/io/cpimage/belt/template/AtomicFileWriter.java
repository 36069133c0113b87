package io.cpimage.belt.template;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content all at once: the text goes to a temporary file in the target's
 * directory, which is then renamed over the target. A reader (or a crash) sees either the old file
 * or the new one, never a truncated one; Confluent's dub truncated the output before rendering.
 */
public final class AtomicFileWriter {

  private AtomicFileWriter() {}

  /**
   * Writes {@code content} (UTF-8) to {@code target}. An existing target keeps its permissions; a
   * symbolic link is followed, so the file it points to is replaced and the link stays.
   */
  public static void write(Path target, String content) throws IOException {
    Path absolute = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IOException(target + " is a directory");
    }
    Path temp =
        absolute.resolveSibling(
            "."
                + absolute.getFileName()
                + "."
                + ThreadLocalRandom.current().nextLong(1L << 40)
                + ".tmp");
    try {
      // CREATE_NEW without attributes: the mode is 0666 minus the umask, as for a plain `open(w)`.
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream stream = Channels.newOutputStream(channel)) {
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        channel.force(true);
      }
      if (Files.exists(absolute)) {
        PosixFileAttributeView view =
            Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view != null) {
          view.setPermissions(Files.getPosixFilePermissions(absolute));
        }
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
