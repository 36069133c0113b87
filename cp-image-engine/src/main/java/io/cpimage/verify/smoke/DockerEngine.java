package io.cpimage.verify.smoke;

import com.github.dockerjava.api.DockerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * The Docker engine the smoke test talks to, found the way Testcontainers finds it ({@code
 * DOCKER_HOST}, {@code docker.host} in {@code ~/.testcontainers.properties}, the local socket).
 *
 * <p>Not through {@code DockerClientFactory.client()}: that also starts Testcontainers' Ryuk
 * container and, when Maven itself runs in a container, an {@code alpine} container to find the
 * Docker host's address. Both are pulls from Docker Hub, which a machine without it waits minutes
 * for, and Testcontainers 2 lets only environment variables or the user's home file turn them off.
 * The smoke test needs neither: it removes its own containers, and it reaches them from inside
 * their network.
 */
final class DockerEngine {
  private DockerEngine() {}

  static DockerClient connect() throws SmokeException {
    List<DockerClientProviderStrategy> strategies = new ArrayList<>();
    ServiceLoader.load(DockerClientProviderStrategy.class, DockerEngine.class.getClassLoader())
        .forEach(strategies::add);
    try {
      return DockerClientProviderStrategy.getFirstValidStrategy(strategies).getDockerClient();
    } catch (IllegalStateException e) {
      throw new SmokeException(
          "no Docker engine answers: the smoke test starts the image in containers. Start Docker"
              + " (or point DOCKER_HOST at one), or leave out -Dcp-image.smoke",
          e);
    }
  }
}
