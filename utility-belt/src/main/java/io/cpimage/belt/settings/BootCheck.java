package io.cpimage.belt.settings;

import io.cpimage.belt.template.EnvToPropsCall;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The boot's settings check, run by {@code dub template} after rendering and before writing: every
 * {@code env_to_props('KAFKA_'|'CONNECT_', '')} call the templates made is checked against the
 * image's catalogue. A finding is a warning line; with {@code CP_STRICT_SETTINGS=true} the findings
 * fail the render, so nothing is written.
 */
public final class BootCheck {

  /** Names another catalogue than the image's (tests, and images that keep it elsewhere). */
  public static final String CATALOGUE_VARIABLE = "CP_SETTINGS_CATALOGUE";

  private BootCheck() {}

  /**
   * Checks the calls' variables; returns false when the render must fail ({@code
   * CP_STRICT_SETTINGS=true} and a finding, or an unreadable catalogue), having said why on {@code
   * err} with {@code messagePrefix}.
   */
  public static boolean passes(
      Map<String, String> env, List<EnvToPropsCall> calls, PrintWriter err, String messagePrefix) {
    if (calls.stream().noneMatch(BootCheck::checked)) {
      return true;
    }
    Path file = Path.of(env.getOrDefault(CATALOGUE_VARIABLE, SettingsCatalogue.IMAGE_PATH));
    Optional<SettingsCatalogue> catalogue;
    try {
      catalogue = SettingsCatalogue.read(file);
    } catch (IOException | IllegalArgumentException e) {
      err.println(messagePrefix + "cannot read the settings catalogue: " + e.getMessage());
      return false;
    }
    if (catalogue.isEmpty()) {
      return true;
    }
    SettingsCheck check =
        new SettingsCheck(
            catalogue.get(),
            SettingsCheck.prefixesOf(env.get(SettingsCheck.ALLOWED_PREFIXES_VARIABLE)));
    Set<String> findings = new LinkedHashSet<>();
    for (EnvToPropsCall call : calls) {
      if (checked(call)) {
        findings.addAll(check.check(env, call.envPrefix(), call.excludedNames()));
      }
    }
    boolean strict = "true".equalsIgnoreCase(env.get(SettingsCheck.STRICT_VARIABLE));
    List<String> lines = new ArrayList<>(findings);
    for (String finding : lines) {
      err.println(messagePrefix + (strict ? "" : "warning: ") + finding);
    }
    if (strict && !lines.isEmpty()) {
      err.println(
          messagePrefix
              + SettingsCheck.STRICT_VARIABLE
              + "=true: "
              + lines.size()
              + (lines.size() == 1 ? " setting" : " settings")
              + " refused, nothing written; fix the variables, or allow a plugin's settings by"
              + " prefix with "
              + SettingsCheck.ALLOWED_PREFIXES_VARIABLE);
      return false;
    }
    return true;
  }

  private static boolean checked(EnvToPropsCall call) {
    return call.propPrefix().isEmpty() && SettingsCheck.sectionFor(call.envPrefix()).isPresent();
  }
}
