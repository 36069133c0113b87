package io.cpimage.belt.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
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

  /** The sections by the name the file uses. */
  private static final Map<String, Section> SECTIONS = sectionsById();

  private final String release;

  /**
   * Each section's catalogue lines by setting name. A line becomes a {@link Setting} when it is
   * asked for: the boot's check reads the whole catalogue (some 850 lines) at every container start
   * for a handful of variables, and building every setting took most of that check's time.
   */
  private final Map<Section, SortedMap<String, String>> lines;

  private SettingsCatalogue(String release, Map<Section, SortedMap<String, String>> lines) {
    this.release = release;
    this.lines = lines;
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
    Map<Section, SortedMap<String, String>> sections = new EnumMap<>(Section.class);
    for (Section section : Section.values()) {
      sections.put(section, new TreeMap<>());
    }
    String release = "";
    int number = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      start = end + 1;
      number++;
      if (line.startsWith(HEADER)) {
        release = line.substring(HEADER.length()).split(":")[0].trim();
        continue;
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int nameStart = line.indexOf('\t') + 1;
      Section section = columns(line) == 5 ? SECTIONS.get(line.substring(0, nameStart - 1)) : null;
      if (section == null) {
        throw new IllegalArgumentException(
            where
                + ":"
                + number
                + ": not a settings catalogue line (section, name, type, values, case)");
      }
      sections.get(section).put(line.substring(nameStart, line.indexOf('\t', nameStart)), line);
    }
    return new SettingsCatalogue(release, sections);
  }

  private static Map<String, Section> sectionsById() {
    Map<String, Section> sections = new HashMap<>();
    for (Section section : Section.values()) {
      sections.put(section.id(), section);
    }
    return sections;
  }

  private static int columns(String line) {
    int columns = 1;
    for (int tab = line.indexOf('\t'); tab >= 0; tab = line.indexOf('\t', tab + 1)) {
      columns++;
    }
    return columns;
  }

  /** A line that {@link #parse} accepted: section, name, type, valid values, case. */
  private static Setting setting(String line) {
    String[] columns = line.split("\t", -1);
    List<String> values = columns[3].isEmpty() ? List.of() : Arrays.asList(columns[3].split(","));
    return new Setting(
        columns[1], columns[2], List.copyOf(values), columns[4].equals(CASE_INSENSITIVE));
  }

  /** The release the catalogue was read from ({@code Kafka 4.4.0}), as its first line says. */
  public String release() {
    return release;
  }

  /** The setting named {@code name} in {@code section}, if the release defines it. */
  public Optional<Setting> setting(Section section, String name) {
    return Optional.ofNullable(lines.get(section).get(name)).map(SettingsCatalogue::setting);
  }

  /** Every setting name of {@code section}, in order. */
  public Iterable<String> names(Section section) {
    return lines.get(section).keySet();
  }
}
