package io.cpimage.baseimages.sequence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The jar a worker loads {@link SequenceSourceConnector} from: its classes, read from this test's
 * class path, and the service entry by which Kafka 4's plugin discovery finds a connector without
 * scanning.
 */
public final class SequenceConnectorJar {
  private SequenceConnectorJar() {}

  /** The jar's bytes, to copy into the worker's plugin or class path. */
  public static byte[] bytes() {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    ByteArrayOutputStream jar = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(jar, manifest)) {
      for (Class<?> type :
          new Class<?>[] {SequenceSourceConnector.class, SequenceSourceTask.class}) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          out.putNextEntry(new JarEntry(entry));
          out.write(in.readAllBytes());
        }
      }
      out.putNextEntry(
          new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
      out.write((SequenceSourceConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar.toByteArray();
  }
}
