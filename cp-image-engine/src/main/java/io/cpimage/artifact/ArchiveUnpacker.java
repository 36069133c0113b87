package io.cpimage.artifact;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks connector and JDK archives: {@code .zip}, {@code .tar}, {@code .tar.gz} and {@code .tgz}.
 *
 * <p>Every entry must stay inside the destination: a name with {@code ../} that climbs out, an
 * absolute name, or a link whose target lies outside the archive makes the whole archive refused.
 * Links (symbolic and hard) whose target is inside the archive become <em>copies</em> of their
 * target, so the result holds only plain files and directories: jib copies them into a layer as
 * they are, and no link can point elsewhere once the directory moves into the image. Devices and
 * FIFOs are refused.
 *
 * <p>File modes are kept (the exec bits of a JDK's {@code bin/} matter); set-uid, set-gid and
 * sticky bits are dropped, and the owner can always read files and enter and change directories, so
 * that the build can read and later clean what it unpacked. Owners and times are not kept: the
 * image layer sets them.
 *
 * <p>The archive is unpacked into a temporary sibling of the destination and moved into place only
 * when every entry succeeded, so on any failure the destination is left as it was.
 */
public final class ArchiveUnpacker {
  private static final int DEFAULT_FILE_MODE = 0644;
  private static final int DEFAULT_DIRECTORY_MODE = 0755;

  private ArchiveUnpacker() {}

  /** Whether {@code file}'s name says it is an archive this class unpacks. */
  public static boolean isArchive(Path file) {
    return Format.of(file) != null;
  }

  /**
   * Unpacks {@code archive} into {@code destination}.
   *
   * <p>{@code destination} is created if missing. If it exists, the archive's top-level entries are
   * added to it, and an entry whose name is already there is refused before anything is moved.
   *
   * @param where the pom element the archive came from, named in every message
   */
  public static void unpack(Path archive, Path destination, String where) throws ArtifactException {
    Format format = Format.of(archive);
    if (format == null) {
      throw new ArtifactException(
          where
              + ": "
              + archive.getFileName()
              + " is not an archive this plugin unpacks. Use a .zip, .tar, .tar.gz or .tgz file.");
    }
    if (!Files.isRegularFile(archive)) {
      throw new ArtifactException(where + ": the archive " + archive + " does not exist.");
    }
    Path target = destination.toAbsolutePath().normalize();
    Path staging;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
    } catch (IOException e) {
      throw new ArtifactException(
          where + ": cannot create a directory next to " + target + " to unpack into: " + e, e);
    }
    try {
      Extraction extraction = new Extraction(staging, archive.getFileName().toString(), where);
      try {
        format.read(archive, extraction);
      } catch (IOException | UncheckedIOException e) {
        throw new ArtifactException(
            String.format(
                "%s: %s is damaged or is not a %s archive (%s). Download it again, or check that"
                    + " its name ends with the extension of what it really is.",
                where, archive.getFileName(), format.displayName, rootMessage(e)),
            e);
      }
      extraction.finish();
      moveInto(staging, target, archive, where);
    } finally {
      deleteTree(staging);
    }
  }

  private static void moveInto(Path staging, Path target, Path archive, String where)
      throws ArtifactException {
    try {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return;
      }
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new ArtifactException(
            where
                + ": cannot unpack "
                + archive.getFileName()
                + " into "
                + target
                + ", which is a file, not a directory.");
      }
      List<Path> children;
      try (Stream<Path> list = Files.list(staging)) {
        children = list.sorted().toList();
      }
      for (Path child : children) {
        if (Files.exists(
            target.resolve(child.getFileName().toString()), LinkOption.NOFOLLOW_LINKS)) {
          throw new ArtifactException(
              String.format(
                  "%s: %s holds %s, which already exists in %s (from another artifact of the same"
                      + " connector?). Give each artifact its own name.",
                  where, archive.getFileName(), child.getFileName(), target));
        }
      }
      for (Path child : children) {
        Files.move(child, target.resolve(child.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new ArtifactException(
          where
              + ": cannot move what "
              + archive.getFileName()
              + " holds into "
              + target
              + ": "
              + e,
          e);
    }
  }

  /** Writes entries under a staging directory and checks each one. */
  private static final class Extraction {
    private final Path root;
    private final String archiveName;
    private final String where;
    private final Map<Path, Integer> directoryModes = new LinkedHashMap<>();
    private final Map<Path, Link> links = new LinkedHashMap<>();
    private int entries;

    Extraction(Path root, String archiveName, String where) {
      this.root = root;
      this.archiveName = archiveName;
      this.where = where;
    }

    void directory(String name, int mode) throws IOException, ArtifactException {
      Path path = inside(name);
      entries++;
      Files.createDirectories(path);
      directoryModes.put(path, mode == 0 ? DEFAULT_DIRECTORY_MODE : mode);
    }

    void file(String name, int mode, InputStream content) throws IOException, ArtifactException {
      Path path = inside(name);
      entries++;
      if (path.equals(root)) {
        throw refused(name, "names the archive's root as a file");
      }
      links.remove(path);
      Files.createDirectories(path.getParent());
      Files.copy(content, path, StandardCopyOption.REPLACE_EXISTING);
      setMode(path, (mode == 0 ? DEFAULT_FILE_MODE : mode) | 0400);
    }

    /** A symbolic link: {@code target} is relative to the link's own directory. */
    void symbolicLink(String name, String target) throws ArtifactException {
      Path path = inside(name);
      entries++;
      if (target.isEmpty() || target.startsWith("/")) {
        // Debian's JDK packages link lib/security/cacerts to /etc/ssl/certs: a JDK packed from
        // them needs the file itself in the archive.
        throw refused(
            name,
            "is a symbolic link to \""
                + target
                + "\", an absolute path outside the archive (if you packed it, store the file"
                + " the link points to instead: tar --dereference)");
      }
      Path resolved = path.getParent().resolve(target).normalize();
      if (!resolved.startsWith(root)) {
        throw refused(
            name, "is a symbolic link to \"" + target + "\", which lies outside the archive");
      }
      links.put(path, new Link(name, target, resolved));
    }

    /** A hard link: {@code target} is another entry's name. */
    void hardLink(String name, String target) throws ArtifactException {
      Path path = inside(name);
      entries++;
      Path resolved = root.resolve(stripDotSlash(target)).normalize();
      if (target.startsWith("/") || !resolved.startsWith(root)) {
        throw refused(name, "is a hard link to \"" + target + "\", which lies outside the archive");
      }
      links.put(path, new Link(name, target, resolved));
    }

    void unsupported(String name, String kind) throws ArtifactException {
      throw refused(name, "is a " + kind + ", which has no place in a plugin or JDK archive");
    }

    /** Turns links into copies of their targets, then sets directory modes. */
    void finish() throws ArtifactException {
      if (entries == 0) {
        throw new ArtifactException(
            where + ": " + archiveName + " holds no entries. Check that it is the right file.");
      }
      try {
        resolveLinks();
        // Directories the archive does not list (its root, parents of its entries) get 755, not
        // whatever the temporary directory or the umask gave them.
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(root)) {
          directories = walk.filter(Files::isDirectory).toList();
        }
        for (Path directory : directories) {
          setMode(directory, directoryModes.getOrDefault(directory, DEFAULT_DIRECTORY_MODE) | 0700);
        }
      } catch (IOException e) {
        throw new ArtifactException(
            where + ": cannot unpack " + archiveName + ": " + e + ". Check the disk space.", e);
      }
    }

    private void resolveLinks() throws IOException, ArtifactException {
      // A link can point to another link, or to a directory holding links: copy a target only once
      // no unresolved link remains in it, and stop when a round copies nothing.
      boolean progress = true;
      while (!links.isEmpty() && progress) {
        progress = false;
        for (Map.Entry<Path, Link> pending : new ArrayList<>(links.entrySet())) {
          Path path = pending.getKey();
          Link link = pending.getValue();
          if (path.startsWith(link.target)) {
            throw refused(
                link.name,
                "is a link to \"" + link.linkName + "\", which contains the link itself");
          }
          boolean waits = links.keySet().stream().anyMatch(other -> other.startsWith(link.target));
          if (waits || !Files.exists(link.target, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          Files.createDirectories(path.getParent());
          copy(link.target, path);
          links.remove(path);
          progress = true;
        }
      }
      if (!links.isEmpty()) {
        Link link = links.values().iterator().next();
        throw refused(
            link.name,
            "is a link to \""
                + link.linkName
                + "\", which the archive does not hold (or which forms a loop of links)");
      }
    }

    private void copy(Path source, Path target) throws IOException {
      if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(
            source,
            target,
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
        return;
      }
      List<Path> tree;
      try (Stream<Path> walk = Files.walk(source)) {
        tree = walk.toList();
      }
      for (Path from : tree) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(to);
          Integer mode = directoryModes.get(from);
          if (mode != null) {
            directoryModes.put(to, mode);
          }
        } else {
          Files.copy(
              from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }

    /** The path of entry {@code name}, refused when it would land outside the root. */
    private Path inside(String name) throws ArtifactException {
      String relative = stripDotSlash(name);
      if (name.startsWith("/") || relative.matches("^[A-Za-z]:[/\\\\].*")) {
        throw refused(name, "has an absolute path");
      }
      Path path = root.resolve(relative).normalize();
      if (!path.startsWith(root)) {
        throw refused(name, "would be written outside the directory it is unpacked to");
      }
      return path;
    }

    private ArtifactException refused(String entry, String problem) {
      return new ArtifactException(
          String.format(
              "%s: the archive %s is refused: its entry \"%s\" %s. Nothing was unpacked. Use an"
                  + " archive whose entries all stay inside it (as the publisher's archives do).",
              where, archiveName, entry, problem));
    }
  }

  private record Link(String name, String linkName, Path target) {}

  private enum Format {
    ZIP("zip") {
      @Override
      void read(Path archive, Extraction extraction) throws IOException, ArtifactException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
          Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
          while (entries.hasMoreElements()) {
            ZipArchiveEntry entry = entries.nextElement();
            int mode = entry.getUnixMode() & 07777;
            if (entry.isUnixSymlink()) {
              extraction.symbolicLink(entry.getName(), zip.getUnixSymlink(entry));
            } else if (entry.isDirectory()) {
              extraction.directory(entry.getName(), mode);
            } else {
              try (InputStream content = zip.getInputStream(entry)) {
                extraction.file(entry.getName(), mode, content);
              }
            }
          }
        }
      }
    },
    TAR("tar") {
      @Override
      void read(Path archive, Extraction extraction) throws IOException, ArtifactException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
          readTar(in, extraction);
        }
      }
    },
    TAR_GZ("tar.gz") {
      @Override
      void read(Path archive, Extraction extraction) throws IOException, ArtifactException {
        try (InputStream in =
            new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive)), true)) {
          readTar(in, extraction);
        }
      }
    };

    final String displayName;

    Format(String displayName) {
      this.displayName = displayName;
    }

    abstract void read(Path archive, Extraction extraction) throws IOException, ArtifactException;

    static Format of(Path file) {
      Path fileName = file.getFileName();
      String name = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".zip")) {
        return ZIP;
      } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
        return TAR_GZ;
      } else if (name.endsWith(".tar")) {
        return TAR;
      }
      return null;
    }

    static void readTar(InputStream in, Extraction extraction)
        throws IOException, ArtifactException {
      TarArchiveInputStream tar = new TarArchiveInputStream(in);
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        int mode = entry.getMode() & 07777;
        if (entry.isSymbolicLink()) {
          extraction.symbolicLink(entry.getName(), entry.getLinkName());
        } else if (entry.isLink()) {
          extraction.hardLink(entry.getName(), entry.getLinkName());
        } else if (entry.isDirectory()) {
          extraction.directory(entry.getName(), mode);
        } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
          extraction.unsupported(entry.getName(), "device");
        } else if (entry.isFIFO()) {
          extraction.unsupported(entry.getName(), "FIFO");
        } else {
          extraction.file(entry.getName(), mode, tar);
        }
      }
    }
  }

  private static String stripDotSlash(String name) {
    String relative = name;
    while (relative.startsWith("./")) {
      relative = relative.substring(2);
    }
    return relative.equals(".") ? "" : relative;
  }

  private static void setMode(Path path, int mode) throws IOException {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits =
        PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (0400 >> i)) != 0) {
        permissions.add(bits[i]);
      }
    }
    Files.setPosixFilePermissions(path, permissions);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  private static void deleteTree(Path directory) {
    try {
      Directories.deleteRecursively(directory);
    } catch (IOException e) {
      // Only a temporary directory next to the destination stays behind; it is hidden (dot name).
    }
  }
}
