package io.cpimage.maven;

import java.util.ArrayList;
import java.util.List;

/** {@code <extraDirectories>}, shaped like jib-maven-plugin's: paths and permission rules. */
public class ExtraDirectories {
  /** The directories laid over the image; default src/main/cp-image onto /. */
  List<Directory> paths = new ArrayList<>();

  /** Modes for files matching a glob. */
  List<Permission> permissions = new ArrayList<>();

  /** {@code <path>}: a directory of the project ({@code <from>}) laid over {@code <into>}. */
  public static class Directory {
    /** A directory of the project, relative or absolute. */
    String from;

    /** Where in the image; default /. */
    String into = "/";

    /** Lets {@code <path>src/main/extra</path>} stand for {@code <from>} alone, as in jib. */
    public void set(String from) {
      this.from = from;
    }
  }

  /** {@code <permission>}: an image-path glob and the octal mode for matching files. */
  public static class Permission {
    /** A glob on the image path, e.g. {@code /etc/kafka/*.template}. */
    String file;

    /** An octal mode, e.g. {@code 640}. */
    String mode;
  }
}
