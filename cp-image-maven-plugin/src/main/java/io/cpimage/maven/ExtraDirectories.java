package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <extraDirectories>}, shaped like jib-maven-plugin's: paths and permission rules. */
public class ExtraDirectories {
  List<Path> paths = new ArrayList<>();
  List<Permission> permissions = new ArrayList<>();

  /** {@code <path>}: a directory of the project ({@code <from>}) laid over {@code <into>}. */
  public static class Path {
    String from;
    String into = "/";

    /** Lets {@code <path>src/main/extra</path>} stand for {@code <from>} alone, as in jib. */
    public void set(String from) {
      this.from = from;
    }
  }

  /** {@code <permission>}: an image-path glob and the octal mode for matching files. */
  public static class Permission {
    String file;
    String mode;
  }
}
