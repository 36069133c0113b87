package io.cpimage.build;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cpimage.artifact.ContentHashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A tar of images, as {@code docker save} or an OCI image layout writes it, open for reading: its
 * entries by normalised name ({@code ./blobs/} is {@code blobs}) and, for a docker-save tar, what
 * its {@code manifest.json} says. The manifest is read with jackson-core's streaming parser rather
 * than databind: the up-to-date check of a build on a {@code tar://} base reads it, and should load
 * no more than that.
 */
final class ImageTar implements AutoCloseable {
  static final String MANIFEST = "manifest.json";

  private static final JsonFactory JSON = new JsonFactory();

  private final Path path;
  private final TarFile file;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  private ImageTar(Path path) throws IOException {
    this.path = path;
    this.file = new TarFile(path);
    for (TarArchiveEntry entry : file.getEntries()) {
      entries.put(key(entry.getName()), entry);
    }
  }

  /** Opens {@code path}; the caller closes it. */
  static ImageTar open(Path path) throws IOException {
    return new ImageTar(path);
  }

  private static String key(String name) {
    return BaseFilesystem.normalize(name).substring(1);
  }

  Path path() {
    return path;
  }

  /** True when the tar holds an entry {@code name}. */
  boolean has(String name) {
    return entries.containsKey(key(name));
  }

  /** The data size of the entry {@code name}. */
  long size(String name) throws IOException {
    return entry(name).getSize();
  }

  /** A stream of the entry {@code name}; the caller closes it. */
  InputStream open(String name) throws IOException {
    return file.getInputStream(entry(name));
  }

  /** The bytes of the entry {@code name}. */
  byte[] read(String name) throws IOException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    }
  }

  private TarArchiveEntry entry(String name) throws IOException {
    TarArchiveEntry entry = entries.get(key(name));
    if (entry == null) {
      throw new IOException(name + " is missing from the tar");
    }
    return entry;
  }

  /** What the tar's {@code manifest.json} says of the first image it lists. */
  Manifest manifest() throws IOException {
    if (!has(MANIFEST)) {
      throw new IOException(path + " has no " + MANIFEST);
    }
    return Manifest.parse(read(MANIFEST), path.toString());
  }

  /** The image ID of the first image: the SHA-256 of its config, as {@code docker images} shows. */
  String imageId() throws IOException {
    return imageId(read(manifest().config()));
  }

  /** The image ID of an image whose config is {@code config}. */
  static String imageId(byte[] config) {
    return "sha256:" + ContentHashes.ofBytes(config);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  /**
   * The first image of a docker-save {@code manifest.json}: the tar entries of its config and
   * layers (bottom first), its names ({@code repository:tag}, maybe none), and how many images the
   * manifest lists in all.
   */
  record Manifest(String config, List<String> layers, List<String> repoTags, int images) {

    /** Parses {@code json}, the manifest of {@code source} (named in the errors). */
    static Manifest parse(byte[] json, String source) throws IOException {
      try (JsonParser parser = JSON.createParser(json)) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw malformed(source, "it is not a JSON array of images");
        }
        Manifest first = null;
        int images = 0;
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          images++;
          if (first == null) {
            first = image(parser, source);
          } else {
            parser.skipChildren();
          }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
          throw malformed(source, "image " + (images + 1) + " is not a JSON object");
        }
        if (first == null) {
          throw malformed(source, "it lists no image");
        }
        return new Manifest(first.config, first.layers, first.repoTags, images);
      } catch (JsonProcessingException e) {
        throw malformed(source, e.getOriginalMessage());
      }
    }

    /** The fields of the image object the parser is at; the others are skipped. */
    private static Manifest image(JsonParser parser, String source) throws IOException {
      String config = null;
      List<String> layers = null;
      List<String> repoTags = List.of();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "Config" -> {
            if (value != JsonToken.VALUE_STRING) {
              throw malformed(source, "Config is not a string");
            }
            config = parser.getText();
          }
          case "Layers" -> layers = strings(parser, source, field);
          case "RepoTags" ->
              repoTags = value == JsonToken.VALUE_NULL ? List.of() : strings(parser, source, field);
          default -> parser.skipChildren();
        }
      }
      if (config == null || layers == null) {
        throw malformed(
            source, "its first image names no " + (config == null ? "Config" : "Layers"));
      }
      return new Manifest(config, layers, repoTags, 1);
    }

    private static List<String> strings(JsonParser parser, String source, String field)
        throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw malformed(source, field + " is not an array of strings");
      }
      List<String> strings = new ArrayList<>();
      while (parser.nextToken() == JsonToken.VALUE_STRING) {
        strings.add(parser.getText());
      }
      if (parser.currentToken() != JsonToken.END_ARRAY) {
        throw malformed(source, field + " is not an array of strings");
      }
      return List.copyOf(strings);
    }

    private static IOException malformed(String source, String detail) {
      return new IOException(
          source + ": its " + MANIFEST + " is not a docker-save manifest: " + detail);
    }
  }
}
