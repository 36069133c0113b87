package io.cpimage.belt.dub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several dub commands in one call, separated by a lone {@code ;} argument: {@code dub ensure A B
 * ';' path /data writable ';' template in out}. A boot script's {@code configure} runs its checks
 * and renders its files in one JVM start instead of one start per command; each command runs as
 * {@code dub <command>} alone would, and the first that fails ends the chain.
 */
final class CommandChain {

  /** The argument between two commands (quoted in a shell script: {@code ';'} or {@code \;}). */
  static final String SEPARATOR = ";";

  private CommandChain() {}

  /** Whether {@code args} holds more than one command, i.e. any separator. */
  static boolean isChain(String... args) {
    return Arrays.asList(args).contains(SEPARATOR);
  }

  /**
   * The commands of {@code args}, in order, each without its separator.
   *
   * @throws IllegalArgumentException naming the separator's position when a command is empty (a
   *     separator first, last, or twice in a row)
   */
  static List<String[]> split(String... args) {
    List<String[]> commands = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= args.length; i++) {
      if (i == args.length || args[i].equals(SEPARATOR)) {
        if (i == start) {
          int separator = i == args.length ? i : i + 1;
          throw new IllegalArgumentException(
              "no command "
                  + (i == args.length ? "after" : "before")
                  + " the ';' at argument "
                  + separator
                  + ": write dub <command> [<args>] ';' <command> [<args>]");
        }
        commands.add(Arrays.copyOfRange(args, start, i));
        start = i + 1;
      }
    }
    return commands;
  }
}
