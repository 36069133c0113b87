package io.cpimage.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.verify.VerifyException;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** verify-ready's parameters follow the build goal's convention: a -D override wins. */
class VerifyParametersTest {
  private static final File REPORT = new File("target/cp-image/report.json");

  private static Overrides user(String name, String value) {
    Properties user = new Properties();
    user.setProperty(name, value);
    return new Overrides(user, new Properties(), new Properties());
  }

  @Test
  void skipIsOverriddenAsEveryOtherParameter() {
    assertTrue(
        new VerifyParameters(new Verify(), REPORT, false, user("cp-image.verify.skip", "true"))
            .skip);
    // -D wins over the pom's <skip>, as it does for the build goal's parameters.
    assertFalse(
        new VerifyParameters(new Verify(), REPORT, true, user("cp-image.verify.skip", "false"))
            .skip);
    // cp-image.skip is the build goal's alone.
    assertFalse(
        new VerifyParameters(new Verify(), REPORT, false, user("cp-image.skip", "true")).skip);
  }

  @Test
  void timeoutsDefaultPerModeAndAreOverridden() throws VerifyException {
    VerifyParameters defaults = new VerifyParameters(new Verify(), REPORT, false, new Overrides());
    assertEquals(Duration.ofSeconds(40), defaults.clusterTimeout());
    assertEquals(Duration.ofSeconds(120), defaults.smokeTimeout());
    assertEquals(1, defaults.expectedBrokers());
    assertEquals(50, defaults.logLines());
    Verify configured = new Verify();
    configured.timeout = 7;
    assertEquals(
        Duration.ofSeconds(7),
        new VerifyParameters(configured, REPORT, false, new Overrides()).smokeTimeout());
    assertEquals(
        Duration.ofSeconds(9),
        new VerifyParameters(configured, REPORT, false, user("cp-image.timeout", " 9"))
            .clusterTimeout());
  }

  @Test
  void aNumberThatIsNoneIsRefusedWhenItsModeReadsIt() {
    VerifyParameters parameters =
        new VerifyParameters(
            new Verify(), REPORT, false, user("cp-image.expectedBrokers", "three"));
    assertEquals(
        "cp-image.expectedBrokers=three is not a whole number; give e.g. 1",
        assertThrows(VerifyException.class, parameters::expectedBrokers).getMessage());
  }

  @Test
  void theClientConfigIsAFileOfTheProject() {
    assertEquals(
        Path.of("/project/client.properties"),
        new VerifyParameters(
                new Verify(), REPORT, false, user("cp-image.clientConfig", "client.properties"))
            .clientConfig(Path.of("/project")));
  }

  @Test
  void theReportIsReadWhereTheBuildWasToldToWriteIt() {
    assertEquals(
        REPORT.toPath(),
        new VerifyParameters(new Verify(), REPORT, false, new Overrides()).reportFile);
    assertEquals(
        Path.of("target/elsewhere.json"),
        new VerifyParameters(
                new Verify(), REPORT, false, user("cp-image.reportFile", "target/elsewhere.json"))
            .reportFile);
  }
}
