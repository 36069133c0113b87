package io.cpimage.belt.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings a Kafka release defines, as {@link CatalogueWriter} read them from its {@code
 * ConfigDef}s: one line per setting, {@code section TAB name TAB type TAB valid,values TAB case}.
 * The images carry it at {@link #IMAGE_PATH}.
 */
public final class SettingsCatalogue {

  /** Where the images keep their release's catalogue. */
  public static final String IMAGE_PATH = "/usr/lib/cp-image/settings-catalogue.tsv";

  /** The first line's start, which says what the file is. */
  static final String HEADER = "# cp-image settings catalogue of";

  /** The fifth column of a setting whose valid values are compared ignoring case. */
  static final String CASE_INSENSITIVE = "any-case";

  private final String release;
  private final Map<Section, Map<String, Setting>> sections;

  private SettingsCatalogue(String release, Map<Section, Map<String, Setting>> sections) {
    this.release = release;
    this.sections = sections;
  }

  /** The catalogue at {@code file}, or empty when there is none (a base without one). */
  public static Optional<SettingsCatalogue> read(Path file) throws IOException {
    try {
      return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a catalogue's text; {@code where} names it in the message of an {@link
   * IllegalArgumentException} for a line that is not a catalogue's.
   */
  public static SettingsCatalogue parse(String text, String where) {
    Map<Section, Map<String, Setting>> sections = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      sections.put(section, new TreeMap<>());
    }
    String release = "";
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(HEADER)) {
        release = line.substring(HEADER.length()).split(":")[0].trim();
        continue;
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      Section section = columns.length == 5 ? section(columns[0]) : null;
      if (section == null) {
        throw new IllegalArgumentException(
            where
                + ":"
                + (i + 1)
                + ": not a settings catalogue line (section, name, type, values, case)");
      }
      List<String> values = columns[3].isEmpty() ? List.of() : Arrays.asList(columns[3].split(","));
      sections
          .get(section)
          .put(
              columns[1],
              new Setting(
                  columns[1],
                  columns[2],
                  List.copyOf(values),
                  columns[4].equals(CASE_INSENSITIVE)));
    }
    return new SettingsCatalogue(release, sections);
  }

  private static Section section(String id) {
    for (Section section : Section.values()) {
      if (section.id().equals(id)) {
        return section;
      }
    }
    return null;
  }

  /** The release the catalogue was read from ({@code Kafka 4.4.0}), as its first line says. */
  public String release() {
    return release;
  }

  /** The setting named {@code name} in {@code section}, if the release defines it. */
  public Optional<Setting> setting(Section section, String name) {
    return Optional.ofNullable(sections.get(section).get(name));
  }

  /** Every setting name of {@code section}, in order. */
  public Iterable<String> names(Section section) {
    return sections.get(section).keySet();
  }
}
