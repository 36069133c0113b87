package io.cpimage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** The build goal's parameters: the pom's values, their -D overrides and the defaults. */
class BuildParametersTest {
  private final Path localRepository = Path.of("/home/builder/.m2/repository");

  /** A build goal as Maven configures it from a pom, without Maven. */
  private static BuildMojo configured() {
    BuildMojo mojo = new BuildMojo(null, null);
    MavenProject project = new MavenProject();
    project.setArtifactId("My-Connect");
    project.setVersion("1.0");
    mojo.project = project;
    mojo.reportFile = new File("target/cp-image/report.json");
    mojo.from.image = "docker://cp-image/cp-kafka-connect:1";
    mojo.to.image = "docker://example/my-connect:1";
    mojo.to.auth = new Auth();
    mojo.to.auth.username = "pom-user";
    mojo.to.auth.password = "pom-password";
    return mojo;
  }

  private static Properties properties(String... namesAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return properties;
  }

  private BuildParameters read(BuildMojo mojo, Properties user, Properties project) {
    return new BuildParameters(
        mojo, new Overrides(user, project, new Properties()), localRepository, false);
  }

  @Test
  void thePomsValuesAndTheDefaults() {
    BuildParameters parameters = read(configured(), new Properties(), new Properties());
    assertEquals(
        new BuildParameters.Image("docker://cp-image/cp-kafka-connect:1", null, null, null),
        parameters.from);
    assertEquals(
        new BuildParameters.Image(
            "docker://example/my-connect:1", "pom-user", "pom-password", null),
        parameters.to);
    assertEquals("my-connect:1.0", parameters.toTarImageName);
    assertEquals(localRepository.resolve(".cache/cp-image").toString(), parameters.downloadCache);
    assertEquals(new File("target/cp-image/report.json"), parameters.reportFile);
    assertEquals(List.of(), parameters.ports);
    assertEquals(Map.of(), parameters.environment);
    assertFalse(parameters.skip);
    assertFalse(parameters.utilityBeltSkip);
    assertNull(parameters.jvm.heapOpts);
    assertNull(parameters.jdk.name);
    assertTrue(parameters.strictSettings);
    assertEquals(List.of(), parameters.allowedSettingPrefixes);
  }

  @Test
  void theSettingsCheckIsOverriddenLikeAnyParameter() {
    BuildParameters parameters =
        read(
            configured(),
            properties(
                "cp-image.strictSettings", "false",
                "cp-image.allowedSettingPrefixes", "acme., confluent."),
            new Properties());
    assertFalse(parameters.strictSettings);
    assertEquals(List.of("acme.", "confluent."), parameters.allowedSettingPrefixes);
  }

  @Test
  void anOverrideWinsOverThePomAndAUserPropertyOverAProjectProperty() {
    BuildParameters parameters =
        read(
            configured(),
            properties(
                "cp-image.to.image", "tar://target/user.tar",
                "cp-image.jvm.heapOpts", "-Xmx2g",
                "cp-image.environment", "A=1,B=2",
                "cp-image.skip", "true"),
            properties(
                "cp-image.to.image", "tar://target/project.tar",
                "cp-image.ports", "8083, 9000/udp",
                "cp-image.jdk.name", "temurin-17",
                "cp-image.reportFile", "target/other.json",
                "cp-image.utilityBelt.skip", "true"));
    assertEquals("tar://target/user.tar", parameters.to.image());
    assertEquals("-Xmx2g", parameters.jvm.heapOpts);
    assertEquals(Map.of("A", "1", "B", "2"), parameters.environment);
    assertTrue(parameters.skip);
    assertEquals(List.of("8083", "9000/udp"), parameters.ports);
    assertEquals("temurin-17", parameters.jdk.name);
    assertEquals(new File("target/other.json"), parameters.reportFile);
    assertTrue(parameters.utilityBeltSkip);
  }

  @Test
  void fromAndToReadTheirCredentialsUnderTheirOwnNames() {
    BuildParameters parameters =
        read(
            configured(),
            properties(
                "cp-image.from.auth.username", "from-user",
                "cp-image.from.auth.password", "from-password",
                "cp-image.to.credHelper", "gcr"),
            new Properties());
    assertEquals(
        new BuildParameters.Image(
            "docker://cp-image/cp-kafka-connect:1", "from-user", "from-password", null),
        parameters.from);
    assertEquals(
        new BuildParameters.Image(
            "docker://example/my-connect:1", "pom-user", "pom-password", "gcr"),
        parameters.to);
  }

  @Test
  void platformsComeFromThePomOrAsOneListFromTheOverride() {
    BuildMojo mojo = configured();
    PlatformParameter arm = new PlatformParameter();
    arm.os = "linux";
    arm.architecture = "arm64";
    mojo.platforms = List.of(arm);
    BuildParameters fromPom = read(mojo, new Properties(), new Properties());
    assertEquals(List.of("linux/arm64"), fromPom.platforms);
    assertEquals("<platforms><platform>", fromPom.platformsWhere);

    BuildParameters overridden =
        read(mojo, properties("cp-image.platforms", "linux/amd64, linux/arm64"), new Properties());
    assertEquals(List.of("linux/amd64", "linux/arm64"), overridden.platforms);
    assertEquals("-Dcp-image.platforms", overridden.platformsWhere);
    assertEquals(List.of(), read(configured(), new Properties(), new Properties()).platforms);
  }
}
