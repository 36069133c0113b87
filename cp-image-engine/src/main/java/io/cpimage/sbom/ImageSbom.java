package io.cpimage.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import io.cpimage.artifact.FileDigests;
import io.cpimage.connector.ConnectorSource;
import io.cpimage.connector.MavenCoordinates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The CycloneDX SBOM of one image, filled in as the build goes: the base image and its operating
 * system packages, Kafka jars and JDK, then what the build adds (utility belt, JDK, libraries,
 * connectors with every jar in their directories). The document carries no timestamp and no random
 * serial number, and its components are sorted, so that an unchanged build writes the same bytes
 * and its SBOM layer keeps its digest.
 */
public final class ImageSbom {
  /** Where the SBOM is in every image cp-image builds. */
  public static final String IMAGE_PATH = "/usr/share/cp-image/sbom.cdx.json";

  /** The image label whose value is {@link #IMAGE_PATH}, for scanners that look for one. */
  public static final String LABEL = "io.cpimage.sbom";

  /** The file's name beside {@code report.json}, and in the image. */
  public static final String FILE_NAME = "sbom.cdx.json";

  /** The CycloneDX specification version written (the newest the library validates). */
  public static final Version SPEC_VERSION = Version.VERSION_16;

  private static final String PATH = "cp-image:path";
  private static final String CONNECTOR = "cp-image:connector";
  private static final String SOURCE = "cp-image:source";

  private final String imageName;
  private final String toolVersion;
  private final FileDigests digests;
  private final List<Component> components = new ArrayList<>();
  private final TreeMap<String, String> baseJars = new TreeMap<>();
  private final Set<String> addedPaths = new HashSet<>();

  /** This cp-image's version, which is also its utility belt's. */
  public static String toolVersion() {
    Properties properties = new Properties();
    try (InputStream in = ImageSbom.class.getResourceAsStream("cp-image.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // A class path resource of our own jar: unreadable only if the jar is broken.
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /**
   * An SBOM for the image {@code imageName}, made by cp-image {@code toolVersion}, with the
   * checksums of added files from {@code digests} (a file known there is not read again).
   */
  public ImageSbom(String imageName, String toolVersion, FileDigests digests) {
    this.imageName = imageName;
    this.toolVersion = toolVersion;
    this.digests = digests;
  }

  /** The base image, by name and image ID ({@code sha256:...}). */
  public void baseImage(String name, String imageId) {
    Component base = component(Component.Type.CONTAINER, null, name, imageId);
    base.setDescription("the base image");
    if (imageId != null && imageId.startsWith("sha256:")) {
      base.addHash(new Hash(Hash.Algorithm.SHA_256, imageId.substring("sha256:".length())));
    }
    components.add(base);
  }

  /**
   * The base's distribution ({@code os-release}) and the packages its dpkg database lists as
   * installed, each with a {@code pkg:deb} purl.
   */
  public void operatingSystem(Optional<String> osRelease, Optional<String> dpkgStatus) {
    OsRelease os = osRelease.map(OsRelease::parse).orElse(OsRelease.UNKNOWN);
    if (osRelease.isPresent()) {
      Component system = component(Component.Type.OPERATING_SYSTEM, null, os.id(), os.versionId());
      system.setDescription(os.prettyName());
      components.add(system);
    }
    for (DebianPackages.Package pkg : DebianPackages.installed(dpkgStatus.orElse(""))) {
      Component component = component(Component.Type.LIBRARY, null, pkg.name(), pkg.version());
      PackageURLBuilder purl =
          PackageURLBuilder.aPackageURL()
              .withType("deb")
              .withNamespace(os.id())
              .withName(pkg.name())
              .withVersion(pkg.version())
              .withQualifier("distro", os.distro());
      if (pkg.architecture() != null) {
        purl.withQualifier("arch", pkg.architecture());
      }
      component.setPurl(build(purl));
      components.add(component);
    }
  }

  /** A jar of the base's Kafka directories, at {@code path}, with its SHA-256 (hex). */
  public void baseJar(String path, String sha256) {
    baseJars.put(path, sha256);
  }

  /** A JDK at {@code javaHome}: its {@code release} file names implementor and version. */
  public void jdk(String javaHome, String releaseText, String source) {
    Map<String, String> release = OsRelease.values(releaseText);
    String implementor = release.get("IMPLEMENTOR");
    String version = release.get("JAVA_VERSION");
    Component jdk = component(Component.Type.PLATFORM, implementor, "java", version);
    jdk.setDescription("Java runtime");
    jdk.addProperty(new Property(PATH, javaHome));
    if (source != null) {
      jdk.addProperty(new Property(SOURCE, source));
    }
    components.add(jdk);
    addedPaths.add(javaHome);
  }

  /**
   * cp-image's utility belt ({@code dub}, {@code cub}, {@code ub}): its jar at {@code path}, and
   * the jar of its own classes alone that the launchers run the checks from, at {@code checksPath},
   * as a part of it.
   */
  public void utilityBelt(String version, Path jar, String path, Path checksJar, String checksPath)
      throws IOException {
    Component belt = component(Component.Type.APPLICATION, "io.cpimage", "utility-belt", version);
    belt.setPurl(
        build(
            PackageURLBuilder.aPackageURL()
                .withType("maven")
                .withNamespace("io.cpimage")
                .withName("utility-belt")
                .withVersion(version)));
    belt.setHashes(hashes(jar));
    belt.addProperty(new Property(PATH, path));
    Component checks =
        component(Component.Type.LIBRARY, null, checksJar.getFileName().toString(), null);
    checks.setHashes(hashes(checksJar));
    checks.addProperty(new Property(PATH, checksPath));
    belt.addComponent(checks);
    addedPaths.add(path);
    addedPaths.add(checksPath);
    components.add(belt);
  }

  /**
   * A library placed into {@code into}: each of its files (a Maven artifact's dependencies too),
   * the declared artifact with its coordinates, the others with what their jar says.
   */
  public void library(String into, ConnectorSource source, List<Path> files) throws IOException {
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String path = into + "/" + file.getFileName();
      Component library =
          i == 0 ? declared(source, file.getFileName().toString()) : jar(file, path);
      library.setHashes(hashes(file));
      library.addProperty(new Property(PATH, path));
      addedPaths.add(path);
      components.add(library);
    }
  }

  /** A jar laid in by {@code <extraDirectories>} at {@code path} (cp-kafka's Kafka jars). */
  public void extraJar(Path file, String path) throws IOException {
    Component jar = jar(file, path);
    jar.setHashes(hashes(file));
    jar.addProperty(new Property(PATH, path));
    addedPaths.add(path);
    components.add(jar);
  }

  /**
   * A connector in {@code directory}: the declared source with the checksums of its {@code fetched}
   * file, and, nested, every jar its directory holds ({@code jars}, those of {@code staged} at
   * their place under it, declared libraries at its top).
   */
  public void connector(
      String name,
      String directory,
      ConnectorSource source,
      List<Path> fetched,
      Path staged,
      List<Path> jars)
      throws IOException {
    Component connector = declared(source, name);
    if (fetched.size() == 1 && Files.isRegularFile(fetched.get(0))) {
      connector.setHashes(hashes(fetched.get(0)));
    }
    connector.addProperty(new Property(CONNECTOR, name));
    connector.addProperty(new Property(PATH, directory));
    List<Component> nested = new ArrayList<>();
    for (Path file : jars) {
      String path =
          directory
              + "/"
              + (file.startsWith(staged)
                  ? staged.relativize(file).toString().replace('\\', '/')
                  : file.getFileName().toString());
      Component jar = jar(file, path);
      jar.setHashes(hashes(file));
      jar.addProperty(new Property(PATH, path));
      addedPaths.add(path);
      nested.add(jar);
    }
    nested.sort(ORDER);
    connector.setComponents(nested);
    addedPaths.add(directory);
    components.add(connector);
  }

  /** The document as JSON, in CycloneDX's {@link #SPEC_VERSION}. */
  public byte[] toJson() throws IOException {
    Bom bom = new Bom();
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    // The library stamps the time of creation; an unchanged image must get the same bytes.
    metadata.setTimestamp(null);
    Component image = component(Component.Type.CONTAINER, null, imageName, null);
    metadata.setComponent(image);
    ToolInformation tools = new ToolInformation();
    Component tool =
        component(Component.Type.APPLICATION, "io.cpimage", "cp-image-maven-plugin", toolVersion);
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);
    bom.setMetadata(metadata);
    List<Component> all = new ArrayList<>(components);
    baseJars.forEach(
        (path, sha256) -> {
          if (!addedPaths.contains(path)) {
            all.add(baseJarComponent(path, sha256));
          }
        });
    all.sort(ORDER);
    bom.setComponents(all);
    try {
      // Not validated here: loading the schema validator cost every build about a third of a
      // second and printed its warnings into the build log; the tests validate what this writes.
      return BomGeneratorFactory.createJson(SPEC_VERSION, bom)
          .toJsonString()
          .getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new IOException("cannot write the SBOM: " + e.getMessage(), e);
    }
  }

  private static Component baseJarComponent(String path, String sha256) {
    String fileName = path.substring(path.lastIndexOf('/') + 1);
    Optional<JarCoordinates> named = JarCoordinates.ofFileName(fileName);
    Component jar =
        component(
            Component.Type.LIBRARY,
            null,
            named.map(JarCoordinates::artifactId).orElse(fileName),
            named.map(JarCoordinates::version).orElse(null));
    jar.addHash(new Hash(Hash.Algorithm.SHA_256, sha256));
    jar.addProperty(new Property(PATH, path));
    return jar;
  }

  /** A component for what the user declared: coordinates, a URL or a file. */
  private static Component declared(ConnectorSource source, String name) {
    if (source instanceof ConnectorSource.Coordinated coordinated) {
      MavenCoordinates coordinates = coordinated.coordinates();
      Component component =
          component(
              Component.Type.LIBRARY,
              coordinates.groupId(),
              coordinates.artifactId(),
              coordinates.version());
      component.setPurl(mavenPurl(coordinates));
      return component;
    }
    Component component = component(Component.Type.LIBRARY, null, name, null);
    if (source instanceof ConnectorSource.Download download) {
      ExternalReference reference = new ExternalReference();
      reference.setType(ExternalReference.Type.DISTRIBUTION);
      reference.setUrl(download.uri().toString());
      component.addExternalReference(reference);
    } else if (source instanceof ConnectorSource.LocalFile local) {
      // The file's name only: a path of the build machine says nothing in the image.
      component.addProperty(new Property(SOURCE, String.valueOf(local.path().getFileName())));
    }
    return component;
  }

  /** A jar found in a directory, named by its pom.properties or its file name. */
  private static Component jar(Path file, String path) throws IOException {
    String fileName = file.getFileName().toString();
    Optional<JarCoordinates> coordinates =
        fileName.endsWith(".jar") ? JarCoordinates.ofJar(file) : Optional.empty();
    if (coordinates.isPresent()) {
      JarCoordinates c = coordinates.get();
      Component jar = component(Component.Type.LIBRARY, c.groupId(), c.artifactId(), c.version());
      jar.setPurl(
          build(
              PackageURLBuilder.aPackageURL()
                  .withType("maven")
                  .withNamespace(c.groupId())
                  .withName(c.artifactId())
                  .withVersion(c.version())));
      return jar;
    }
    Optional<JarCoordinates> named = JarCoordinates.ofFileName(fileName);
    return component(
        Component.Type.LIBRARY,
        null,
        named.map(JarCoordinates::artifactId).orElse(fileName),
        named.map(JarCoordinates::version).orElse(null));
  }

  private static String mavenPurl(MavenCoordinates coordinates) {
    PackageURLBuilder purl =
        PackageURLBuilder.aPackageURL()
            .withType("maven")
            .withNamespace(coordinates.groupId())
            .withName(coordinates.artifactId())
            .withVersion(coordinates.version());
    if (!coordinates.classifier().isEmpty()) {
      purl.withQualifier("classifier", coordinates.classifier());
    }
    if (!coordinates.type().equals("jar")) {
      purl.withQualifier("type", coordinates.type());
    }
    return build(purl);
  }

  private static String build(PackageURLBuilder purl) {
    try {
      PackageURL url = purl.build();
      return url.canonicalize();
    } catch (MalformedPackageURLException e) {
      // Names and versions come from coordinates, dpkg and jar files, which purl accepts.
      throw new IllegalArgumentException("not a package URL: " + e.getMessage(), e);
    }
  }

  private static Component component(
      Component.Type type, String group, String name, String version) {
    Component component = new Component();
    component.setType(type);
    component.setGroup(group);
    component.setName(name);
    component.setVersion(version);
    return component;
  }

  private List<Hash> hashes(Path file) throws IOException {
    FileDigests.Digests digest = digests.of(file);
    return List.of(
        new Hash(Hash.Algorithm.SHA_256, digest.sha256()),
        new Hash(Hash.Algorithm.SHA_512, digest.sha512()));
  }

  private static String property(Component component, String name) {
    if (component.getProperties() != null) {
      for (Property property : component.getProperties()) {
        if (property.getName().equals(name)) {
          return property.getValue();
        }
      }
    }
    return "";
  }

  /** Type, then group, name, version, path: the same input always gives the same order. */
  private static final Comparator<Component> ORDER =
      Comparator.comparing((Component c) -> c.getType().ordinal())
          .thenComparing(c -> String.valueOf(c.getGroup()))
          .thenComparing(c -> String.valueOf(c.getName()))
          .thenComparing(c -> String.valueOf(c.getVersion()))
          .thenComparing(c -> property(c, PATH));
}
