package io.cpimage.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class ConnectorProjectTest {

  private static Artifact dependency(String groupId, String artifactId, String scope) {
    Artifact artifact =
        new DefaultArtifact(
            groupId, artifactId, "1.0", scope, "jar", null, new DefaultArtifactHandler("jar"));
    artifact.setFile(new java.io.File(artifactId + ".jar"));
    return artifact;
  }

  @Test
  void runtimeDependenciesGoInWhatConnectProvidesStaysOut() {
    assertTrue(
        ConnectorProject.isPackaged(dependency("com.mysql", "mysql-connector-j", "runtime")));
    assertTrue(
        ConnectorProject.isPackaged(
            dependency("com.fasterxml.jackson.core", "jackson-core", "compile")));
    assertFalse(
        ConnectorProject.isPackaged(dependency("org.apache.kafka", "connect-api", "compile")));
    assertFalse(
        ConnectorProject.isPackaged(dependency("org.apache.kafka", "connect-json", "runtime")));
    assertFalse(
        ConnectorProject.isPackaged(dependency("org.apache.kafka", "kafka-clients", "compile")));
    assertFalse(ConnectorProject.isPackaged(dependency("org.slf4j", "slf4j-api", "provided")));
    assertFalse(ConnectorProject.isPackaged(dependency("org.slf4j", "slf4j-api", "compile")));
    assertFalse(
        ConnectorProject.isPackaged(dependency("org.junit.jupiter", "junit-jupiter", "test")));
  }
}
