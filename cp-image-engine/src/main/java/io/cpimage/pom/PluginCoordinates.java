package io.cpimage.pom;

/**
 * The plugin whose {@code <configuration>} the edits write to; the version is only used when the
 * plugin block has to be created.
 */
public record PluginCoordinates(String groupId, String artifactId, String version) {}
