package io.cpimage.belt.settings;

import java.util.Locale;

/** A group of settings in the catalogue: one {@code ConfigDef} of the Kafka release. */
public enum Section {
  /** The broker's and controller's ({@code KafkaConfig}). */
  BROKER,
  /** The distributed Connect worker's ({@code DistributedConfig}). */
  CONNECT,
  PRODUCER,
  CONSUMER,
  ADMIN;

  /** The name the catalogue file uses. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
