package io.cpimage.build;

import com.google.cloud.tools.jib.api.LogEvent;
import io.cpimage.belt.settings.SettingsCatalogue;
import io.cpimage.belt.settings.SettingsCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code <environment>}'s {@code KAFKA_*} and {@code CONNECT_*} entries checked against the
 * settings catalogue the base image carries, with the belt's {@link SettingsCheck} (the one the
 * image's {@code dub template} runs at boot), before anything is written.
 */
final class EnvironmentSettings {

  private EnvironmentSettings() {}

  /**
   * Adds {@code spec}'s allowed prefixes to the image's {@code CP_SETTINGS_ALLOWED_PREFIXES}, so
   * that the boot lets through what the build did.
   */
  static void allowPrefixes(ImageSpec.SettingsCheckSpec spec, Map<String, String> environment) {
    if (spec.allowedPrefixes().isEmpty()) {
      return;
    }
    Set<String> prefixes =
        new LinkedHashSet<>(
            SettingsCheck.prefixesOf(environment.get(SettingsCheck.ALLOWED_PREFIXES_VARIABLE)));
    prefixes.addAll(spec.allowedPrefixes());
    environment.put(SettingsCheck.ALLOWED_PREFIXES_VARIABLE, String.join(",", prefixes));
  }

  /**
   * Checks {@code declared} (the {@code <environment>} entries, as expanded into the image's {@code
   * environment}); fails on a finding when the spec is strict, else logs each as a warning. A base
   * without a catalogue is skipped with one info line.
   */
  static void check(
      ImageSpec.SettingsCheckSpec spec,
      BaseFilesystem base,
      Map<String, String> declared,
      Map<String, String> environment,
      Consumer<LogEvent> log)
      throws ImageBuildException {
    Map<String, String> settings = new LinkedHashMap<>();
    declared.keySet().stream()
        .filter(name -> name.startsWith("KAFKA_") || name.startsWith("CONNECT_"))
        .forEach(name -> settings.put(name, environment.get(name)));
    if (settings.isEmpty()) {
      return;
    }
    Optional<String> text = base.text(SettingsCatalogue.IMAGE_PATH);
    if (text.isEmpty()) {
      log.accept(
          LogEvent.lifecycle(
              "Settings check skipped: the base has no "
                  + SettingsCatalogue.IMAGE_PATH
                  + " (not a cp-image base), so <environment>'s KAFKA_* and CONNECT_* entries"
                  + " are not checked against its Kafka release"));
      return;
    }
    SettingsCatalogue catalogue;
    try {
      catalogue = SettingsCatalogue.parse(text.get(), SettingsCatalogue.IMAGE_PATH);
    } catch (IllegalArgumentException e) {
      throw new ImageBuildException("the base's settings catalogue is damaged: " + e.getMessage());
    }
    List<String> prefixes =
        new ArrayList<>(
            SettingsCheck.prefixesOf(environment.get(SettingsCheck.ALLOWED_PREFIXES_VARIABLE)));
    List<String> findings = new SettingsCheck(catalogue, prefixes).checkAll(settings);
    if (findings.isEmpty()) {
      return;
    }
    String where = "<environment> in " + spec.declaredIn() + ": ";
    if (spec.strict()) {
      throw new ImageBuildException(
          "<environment> in "
              + spec.declaredIn()
              + " sets Kafka settings that the base's "
              + catalogue.release()
              + " would ignore or refuse ("
              + findings.size()
              + (findings.size() == 1 ? " problem" : " problems")
              + "):\n  "
              + String.join("\n  ", findings)
              + "\nFix the entries; allow a plugin's settings with <allowedSettingPrefixes>; or set"
              + " <strictSettings>false</strictSettings> to build with warnings.");
    }
    for (String finding : findings) {
      log.accept(
          LogEvent.warn(where + finding + " (a warning: <strictSettings>false</strictSettings>)"));
    }
  }
}
