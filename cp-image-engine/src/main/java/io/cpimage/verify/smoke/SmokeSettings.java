package io.cpimage.verify.smoke;

import java.time.Duration;
import java.util.List;

/**
 * What a smoke test runs and expects.
 *
 * @param image the image under test, in the local Docker daemon ({@code name:tag})
 * @param brokerImage the image of the single-node KRaft broker started beside a Connect image
 * @param pluginClasses the Connect plugin classes the worker must list (the declared connectors')
 * @param timeout how long the component (and the broker) may take to become ready
 * @param logLines how many of the container's last log lines a failure prints
 */
public record SmokeSettings(
    String image, String brokerImage, List<String> pluginClasses, Duration timeout, int logLines) {

  public SmokeSettings {
    pluginClasses = List.copyOf(pluginClasses);
  }
}
