package io.cpimage.connector;

import io.cpimage.artifact.ArtifactException;

/** A connector's files hold no Kafka Connect plugin class: it is a library, or the wrong file. */
public final class NotAConnectorException extends ArtifactException {
  private static final long serialVersionUID = 1L;

  NotAConnectorException(String where, String source) {
    super(
        where
            + ": "
            + source
            + " holds no Kafka Connect plugin class (Connector, Converter, HeaderConverter,"
            + " Transformation, Predicate or ConfigProvider), so it is not a connector. Point to"
            + " the connector's jar or plugin archive (a Confluent Hub zip), or declare it under"
            + " <libraries>.");
  }
}
