package io.cpimage.belt.settings;

import io.cpimage.belt.template.EnvToProps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks {@code KAFKA_*} and {@code CONNECT_*} variables against a release's {@link
 * SettingsCatalogue}: each is mapped to its property as {@code env_to_props} maps it, and a name
 * the release does not define, or a value its type refuses, is a finding. Used by {@code dub
 * template} at boot and by {@code cp-image:build}.
 */
public final class SettingsCheck {

  /** Comma-separated property-name prefixes of plugin-defined settings, at boot and at build. */
  public static final String ALLOWED_PREFIXES_VARIABLE = "CP_SETTINGS_ALLOWED_PREFIXES";

  /** {@code true} makes the boot fail on a finding. */
  public static final String STRICT_VARIABLE = "CP_STRICT_SETTINGS";

  private static final String[] CLIENT_PREFIXES = {"producer.", "consumer.", "admin."};
  private static final String[] WORKER_LISTENER_PREFIXES = {
    "listeners.https.", "admin.listeners.https."
  };
  private static final String LISTENER_NAME = "listener.name.";

  private final SettingsCatalogue catalogue;
  private final List<String> allowedPrefixes;

  public SettingsCheck(SettingsCatalogue catalogue, Collection<String> allowedPrefixes) {
    this.catalogue = catalogue;
    this.allowedPrefixes = List.copyOf(allowedPrefixes);
  }

  /** The prefixes of a {@code CP_SETTINGS_ALLOWED_PREFIXES} value: comma-separated, blanks out. */
  public static List<String> prefixesOf(String value) {
    if (value == null) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  /** The section whose settings {@code env_to_props(envPrefix, '')} renders, if any. */
  public static Optional<Section> sectionFor(String envPrefix) {
    return switch (envPrefix) {
      case "KAFKA_" -> Optional.of(Section.BROKER);
      case "CONNECT_" -> Optional.of(Section.CONNECT);
      default -> Optional.empty();
    };
  }

  /**
   * The findings for the variables of {@code env} that {@code env_to_props(envPrefix, '',
   * exclude=excluded)} renders, one message each, in variable order; none for a prefix that is not
   * a Kafka component's.
   */
  public List<String> check(
      Map<String, String> env, String envPrefix, Collection<String> excluded) {
    Optional<Section> section = sectionFor(envPrefix);
    List<String> findings = new ArrayList<>();
    if (section.isEmpty()) {
      return findings;
    }
    new TreeMap<>(env)
        .forEach(
            (variable, value) -> {
              if (variable.startsWith(envPrefix)
                  && !excluded.contains(variable)
                  && !HelperVariables.isHelper(variable)
                  && value != null
                  && !value.isEmpty()) {
                String property = EnvToProps.propertyKey(variable.substring(envPrefix.length()));
                checkOne(section.get(), variable, property, value).ifPresent(findings::add);
              }
            });
    return findings;
  }

  /** The findings for every {@code KAFKA_*} and {@code CONNECT_*} variable of {@code env}. */
  public List<String> checkAll(Map<String, String> env) {
    List<String> findings = new ArrayList<>(check(env, "KAFKA_", List.of()));
    findings.addAll(check(env, "CONNECT_", List.of()));
    return findings;
  }

  private Optional<String> checkOne(
      Section section, String variable, String property, String value) {
    for (String prefix : allowedPrefixes) {
      if (property.startsWith(prefix)) {
        return Optional.empty();
      }
    }
    Resolution resolution = resolve(section, property);
    if (resolution.allowed()) {
      return Optional.empty();
    }
    if (resolution.setting() != null) {
      String problem = resolution.setting().problemWith(value);
      return problem == null
          ? Optional.empty()
          : Optional.of(
              "`"
                  + variable
                  + "="
                  + value
                  + "` sets `"
                  + property
                  + "`, which takes "
                  + problem
                  + " in "
                  + owner(resolution.section()));
    }
    if (variable.endsWith("_FILE")) {
      // A secret read from a file at boot (the run script's secrets-from-files step).
      String secret = property.substring(0, property.length() - ".file".length());
      if (resolve(section, secret).known()) {
        return Optional.empty();
      }
    }
    List<String> nearest =
        Nearest.to(resolution.unknownName(), catalogue.names(resolution.section()));
    String near =
        nearest.isEmpty()
            ? " (nor any similar name); if a plugin defines it, allow its prefix with "
                + ALLOWED_PREFIXES_VARIABLE
            : ": did you mean `"
                + String.join("`, `", nearest.stream().map(resolution::named).toList())
                + "`?";
    return Optional.of(
        "`"
            + variable
            + "` maps to `"
            + property
            + "`, which "
            + owner(resolution.section())
            + " does not know"
            + near);
  }

  private String owner(Section section) {
    String release = catalogue.release().isEmpty() ? "Kafka" : catalogue.release();
    return switch (section) {
      case BROKER -> release;
      case CONNECT -> "the Connect worker of " + release;
      default -> release + "'s " + section.id() + " client";
    };
  }

  /**
   * What a property name is: a setting of a section (possibly under a prefix the worker or broker
   * strips), a plugin's (allowed), or unknown: then the name and section to suggest from, and the
   * prefix that suggestions get back.
   */
  private record Resolution(
      Setting setting, boolean allowed, Section section, String prefix, String unknownName) {

    boolean known() {
      return setting != null || allowed;
    }

    String named(String suggestion) {
      return prefix + suggestion;
    }
  }

  private Resolution resolve(Section section, String property) {
    if (section == Section.CONNECT && catalogue.setting(section, property).isEmpty()) {
      // admin.listeners.https.* is the worker's REST listener, not the admin client's.
      for (String prefix : WORKER_LISTENER_PREFIXES) {
        if (property.startsWith(prefix)) {
          return prefixed(section, prefix, property);
        }
      }
      for (String prefix : CLIENT_PREFIXES) {
        if (property.startsWith(prefix)) {
          Section client =
              Section.valueOf(prefix.substring(0, prefix.length() - 1).toUpperCase(Locale.ROOT));
          return prefixed(client, prefix, property);
        }
      }
    }
    if (section == Section.BROKER && property.startsWith(LISTENER_NAME)) {
      int dot = property.indexOf('.', LISTENER_NAME.length());
      if (dot > 0) {
        String listenerPrefix = property.substring(0, dot + 1);
        String rest = property.substring(dot + 1);
        Resolution inner = resolvePlain(section, rest);
        int mechanismDot = rest.indexOf('.');
        if (!inner.known() && mechanismDot > 0) {
          // listener.name.<listener>.<sasl mechanism>.sasl.jaas.config and its kin
          Resolution mechanism = resolvePlain(section, rest.substring(mechanismDot + 1));
          if (mechanism.known()) {
            return mechanism;
          }
        }
        return inner.known()
            ? inner
            : new Resolution(null, false, section, listenerPrefix, inner.unknownName());
      }
    }
    return resolvePlain(section, property);
  }

  /** {@code property} without {@code prefix}, as a setting of {@code section}. */
  private Resolution prefixed(Section section, String prefix, String property) {
    Resolution inner = resolvePlain(section, property.substring(prefix.length()));
    return inner.known()
        ? inner
        : new Resolution(null, false, section, prefix, inner.unknownName());
  }

  private Resolution resolvePlain(Section section, String name) {
    Optional<Setting> setting = catalogue.setting(section, name);
    if (setting.isPresent()) {
      return new Resolution(setting.get(), false, section, "", name);
    }
    // key.converter.schemas.enable, config.providers.file.class: a plugin's own settings, named
    // under the setting that names the plugin's class.
    for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      Optional<Setting> owner = catalogue.setting(section, name.substring(0, dot));
      if (owner.isPresent()
          && (owner.get().type().equals("CLASS") || owner.get().type().equals("LIST"))) {
        return new Resolution(null, true, section, "", name);
      }
    }
    return new Resolution(null, false, section, "", name);
  }
}
