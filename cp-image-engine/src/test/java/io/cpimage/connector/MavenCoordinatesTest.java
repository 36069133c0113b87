package io.cpimage.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.artifact.ArtifactException;
import org.junit.jupiter.api.Test;

class MavenCoordinatesTest {

  @Test
  void coordinatesParseWithClassifierAndType() throws ArtifactException {
    MavenCoordinates hub =
        MavenCoordinates.parse("io.confluent:kafka-connect-jdbc:10.8.0::zip", "<artifact>");
    assertEquals("", hub.classifier());
    assertEquals("zip", hub.type());
    MavenCoordinates jar = MavenCoordinates.parse("g:a:1:cli", "<artifact>");
    assertEquals("cli", jar.classifier());
    assertEquals("jar", jar.type());
  }

  @Test
  void badCoordinatesNameTheElementAndTheForm() {
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> MavenCoordinates.parse("just-a-name", "<libraries><library><artifact>"));
    assertEquals(
        "<libraries><library><artifact> 'just-a-name' is not Maven coordinates; write"
            + " groupId:artifactId:version[:classifier[:type]], e.g. io.confluent:kafka-connect-jdbc:10.8.0",
        e.getMessage());
    ArtifactException twoParts =
        assertThrows(
            ArtifactException.class,
            () -> MavenCoordinates.parse("org.apache.kafka:connect-file", "-Dartifact"));
    assertTrue(
        twoParts.getMessage().contains("groupId:artifactId:version[:classifier[:type]]"),
        twoParts.getMessage());
  }
}
