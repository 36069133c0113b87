package io.cpimage.belt.ub;

import io.cpimage.belt.dub.PathProperty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ub path <path> readable|writable|executable|existence}: dub's check under ub's names
 * ({@code existence} for dub's {@code exists}).
 */
@Command(
    name = "path",
    description = "Fails unless the path is readable, writable, executable or exists.")
final class PathCommand implements Callable<Integer> {

  private static final Map<String, PathProperty> OPERATIONS =
      Map.of(
          "readable", PathProperty.readable,
          "writable", PathProperty.writable,
          "executable", PathProperty.executable,
          "existence", PathProperty.exists);

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "File or directory to check.")
  private Path path;

  @Parameters(
      index = "1",
      paramLabel = "OPERATION",
      description = "One of: readable, writable, executable, existence.")
  private String operation;

  @Override
  public Integer call() {
    return check(path, operation, spec.commandLine().getErr());
  }

  /** Tests {@code path} for the operation named as ub names it; says on {@code err} why not. */
  static int check(Path path, String operation, PrintWriter err) {
    PathProperty property = OPERATIONS.get(operation);
    if (property == null) {
      err.println(
          "Error: unknown operation "
              + operation
              + " for "
              + path
              + ": use readable, writable, executable or existence.");
      return Ub.FAILED;
    }
    if (property.test(path)) {
      return Ub.OK;
    }
    String failure =
        property == PathProperty.exists ? " does not exist." : " is not " + operation + ".";
    err.println("Error: " + path + failure);
    return Ub.FAILED;
  }
}
