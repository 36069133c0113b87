package io.cpimage.belt.settings;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the settings catalogue of a Kafka release from its own jars: {@code java -cp
 * utility-belt.jar io.cpimage.belt.settings.CatalogueWriter <jars directory> <output file>}.
 *
 * <p>The release's classes are loaded in a class loader of their own (over the platform loader), so
 * the belt's own Kafka client, which may be another release, never answers; everything is read by
 * reflection, as the methods that expose a {@code ConfigDef} differ between releases.
 */
public final class CatalogueWriter {

  private CatalogueWriter() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("Usage: CatalogueWriter <Kafka jars directory> <output file>");
      System.exit(2);
    }
    Path output = Path.of(args[1]);
    String text = catalogueOf(Path.of(args[0]));
    Files.createDirectories(output.toAbsolutePath().getParent());
    Path partial = output.resolveSibling(output.getFileName() + ".partial");
    Files.writeString(partial, text, StandardCharsets.UTF_8);
    Files.move(partial, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The catalogue text of the Kafka release whose jars are in {@code jars}. */
  public static String catalogueOf(Path jars) throws IOException, ReflectiveOperationException {
    List<URL> urls = new ArrayList<>();
    try (Stream<Path> files = Files.list(jars)) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      // ConfigDef finds a CLASS setting's default through the context class loader.
      thread.setContextClassLoader(loader);
      return catalogueOf(loader);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The catalogue of the Kafka classes {@code loader} loads. */
  static String catalogueOf(ClassLoader loader) throws ReflectiveOperationException, IOException {
    StringBuilder text = new StringBuilder();
    String version = versionOf(loader);
    text.append(SettingsCatalogue.HEADER)
        .append(" Kafka ")
        .append(version)
        .append(": section, name, type, valid values, case\n");
    append(text, Section.BROKER, staticConfigDef(loader, "kafka.server.KafkaConfig", "configDef"));
    appendAuthorizer(text, loader);
    append(text, Section.CONNECT, workerConfigDef(loader));
    append(
        text,
        Section.PRODUCER,
        staticConfigDef(loader, "org.apache.kafka.clients.producer.ProducerConfig", "configDef"));
    append(
        text,
        Section.CONSUMER,
        staticConfigDef(loader, "org.apache.kafka.clients.consumer.ConsumerConfig", "configDef"));
    append(
        text,
        Section.ADMIN,
        staticConfigDef(loader, "org.apache.kafka.clients.admin.AdminClientConfig", "configDef"));
    return text.toString();
  }

  /** kafka-clients' own version file (its AppInfoParser moved between releases). */
  private static String versionOf(ClassLoader loader) throws IOException {
    try (InputStream in = loader.getResourceAsStream("kafka/kafka-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "(unknown release)");
    }
  }

  private static Object staticConfigDef(ClassLoader loader, String className, String method)
      throws ReflectiveOperationException {
    return loader.loadClass(className).getMethod(method).invoke(null);
  }

  /**
   * DistributedConfig exposes no public ConfigDef (3.9 and 4.x alike): its private {@code
   * config(Crypto)} builds the one the worker checks against, with the JVM's crypto.
   */
  private static Object workerConfigDef(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> distributed =
        loader.loadClass("org.apache.kafka.connect.runtime.distributed.DistributedConfig");
    Class<?> crypto = loader.loadClass("org.apache.kafka.connect.runtime.distributed.Crypto");
    Method config = distributed.getDeclaredMethod("config", crypto);
    config.setAccessible(true);
    return config.invoke(null, crypto.getField("SYSTEM").get(null));
  }

  private static void append(StringBuilder text, Section section, Object configDef)
      throws ReflectiveOperationException {
    Map<?, ?> keys = (Map<?, ?>) configDef.getClass().getMethod("configKeys").invoke(configDef);
    for (Map.Entry<?, ?> entry : new TreeMap<>(keys).entrySet()) {
      Object key = entry.getValue();
      String type = String.valueOf(key.getClass().getField("type").get(key));
      Object validator = key.getClass().getField("validator").get(key);
      ValidValues valid = validValues(validator);
      text.append(section.id())
          .append('\t')
          .append(entry.getKey())
          .append('\t')
          .append(type)
          .append('\t')
          .append(String.join(",", valid.values()))
          .append('\t')
          .append(valid.caseInsensitive() ? SettingsCatalogue.CASE_INSENSITIVE : "")
          .append('\n');
    }
  }

  /**
   * Kafka's own authorizer reads its settings ({@code super.users}, {@code
   * allow.everyone.if.no.acl.found}) outside KafkaConfig's ConfigDef; they are broker settings all
   * the same.
   */
  private static void appendAuthorizer(StringBuilder text, ClassLoader loader)
      throws ReflectiveOperationException {
    Class<?> authorizer =
        loader.loadClass("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    String superUsers = (String) authorizer.getField("SUPER_USERS_CONFIG").get(null);
    String allowEveryone =
        (String) authorizer.getField("ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG").get(null);
    text.append(Section.BROKER.id()).append('\t').append(superUsers).append("\tSTRING\t\t\n");
    text.append(Section.BROKER.id()).append('\t').append(allowEveryone).append("\tBOOLEAN\t\t\n");
  }

  private record ValidValues(Collection<String> values, boolean caseInsensitive) {}

  /**
   * The values a {@code ValidString}, {@code CaseInsensitiveValidString} or a {@code ValidList} of
   * either allows; other validators (ranges, custom ones) are not read.
   */
  private static ValidValues validValues(Object validator) throws ReflectiveOperationException {
    if (validator == null) {
      return new ValidValues(List.of(), false);
    }
    String kind = validator.getClass().getSimpleName();
    if (kind.equals("ValidList")) {
      return validValues(field(validator, "validString"));
    }
    if (kind.equals("ValidString") || kind.equals("CaseInsensitiveValidString")) {
      Collection<?> values = (Collection<?>) field(validator, "validStrings");
      List<String> strings = new ArrayList<>();
      if (values == null) {
        return new ValidValues(List.of(), false);
      }
      values.forEach(v -> strings.add(String.valueOf(v)));
      strings.sort(null);
      return new ValidValues(strings, kind.startsWith("CaseInsensitive"));
    }
    return new ValidValues(List.of(), false);
  }

  /** A validator's field, or null where this release names it otherwise (it is not public). */
  private static Object field(Object target, String name) throws IllegalAccessException {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }
}
