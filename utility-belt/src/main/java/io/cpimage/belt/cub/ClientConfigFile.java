package io.cpimage.belt.cub;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** A Kafka client config file (Java properties), such as a component's own kafka.properties. */
final class ClientConfigFile {

  private ClientConfigFile() {}

  static Map<String, String> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "Config file "
              + file
              + " does not exist or is not a file. Pass a Kafka client properties file with -c.");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IllegalArgumentException e) {
      throw new IOException("Config file " + file + " is not a properties file: " + e.getMessage());
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    return map;
  }
}
