package io.cpimage.belt.template;

import java.util.List;

/** One {@code env_to_props} call a template made: what it mapped, for the settings check. */
public record EnvToPropsCall(String envPrefix, String propPrefix, List<String> excludedNames) {}
