package io.cpimage.belt.dub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * What {@code dub path} and {@code ub path} check, for the user running the tool (as {@code
 * access(2)}), named as Confluent's dub names them.
 */
public enum PathProperty {
  writable(Files::isWritable),
  readable(Files::isReadable),
  executable(Files::isExecutable),
  exists(Files::exists);

  private final Predicate<Path> check;

  PathProperty(Predicate<Path> check) {
    this.check = check;
  }

  public boolean test(Path path) {
    return check.test(path);
  }
}
