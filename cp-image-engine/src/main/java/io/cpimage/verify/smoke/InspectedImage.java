package io.cpimage.verify.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerConfig;

/**
 * What the smoke test reads from the image's configuration in the local daemon: its component
 * ({@code COMPONENT}, set by Confluent's images and ours) and the user it declares.
 *
 * @param name the image reference
 * @param component the value of {@code COMPONENT}, e.g. {@code kafka-connect}
 * @param user the declared user ({@code USER}), {@code root} when none
 */
record InspectedImage(String name, String component, String user) {

  static InspectedImage inspect(DockerClient docker, String name) throws SmokeException {
    InspectImageResponse image;
    try {
      image = docker.inspectImageCmd(name).exec();
    } catch (NotFoundException e) {
      throw new SmokeException(
          "the image "
              + name
              + " is not in the local Docker daemon: build it with a docker:// target"
              + " (<to><image>docker://"
              + name
              + "</image>) before the smoke test; it is never pulled");
    }
    ContainerConfig config = image.getConfig();
    String component = null;
    if (config != null && config.getEnv() != null) {
      for (String variable : config.getEnv()) {
        if (variable.startsWith("COMPONENT=")) {
          component = variable.substring("COMPONENT=".length());
        }
      }
    }
    if (component == null || component.isBlank()) {
      throw new SmokeException(
          "the image "
              + name
              + " sets no COMPONENT environment variable, so the smoke test cannot tell what it"
              + " runs: extend cp-kafka or cp-kafka-connect (which set it), or set"
              + " <environment><COMPONENT>kafka-connect</COMPONENT></environment>");
    }
    String user =
        config.getUser() == null || config.getUser().isBlank() ? "root" : config.getUser();
    return new InspectedImage(name, component, user);
  }

  /** The user part of {@code user[:group]}. */
  String userName() {
    int colon = user.indexOf(':');
    return colon < 0 ? user : user.substring(0, colon);
  }
}
