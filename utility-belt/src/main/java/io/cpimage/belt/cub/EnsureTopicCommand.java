package io.cpimage.belt.cub;

import io.cpimage.belt.topic.InvalidTopicSpecException;
import io.cpimage.belt.topic.TopicEnsurer;
import io.cpimage.belt.topic.TopicSpec;
import io.cpimage.belt.topic.TopicSpecFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code cub ensure-topic <config> <file> <timeout> [--create_if_not_exists]}. */
@Command(
    name = "ensure-topic",
    description = {
      "Checks that the topics of a YAML file exist with their partitions, replication factor and"
          + " listed settings; creates missing ones with --create_if_not_exists.",
      "Example: cub ensure-topic /etc/kafka/admin.properties /etc/kafka/topics.yaml 40"
          + " --create_if_not_exists"
    })
final class EnsureTopicCommand implements Callable<Integer> {

  @ParentCommand private Cub cub;
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "config", description = "Kafka client properties file.")
  private Path config;

  @Parameters(index = "1", paramLabel = "file", description = "YAML topic file (topics: [...]).")
  private Path file;

  @Parameters(index = "2", paramLabel = "timeout", description = "Seconds per request.")
  private int timeoutSeconds;

  @Option(names = "--create_if_not_exists", description = "Create missing topics.")
  private boolean createIfNotExists;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    List<TopicSpec> topics;
    try {
      topics = TopicSpecFile.read(file);
    } catch (InvalidTopicSpecException e) {
      err.println(e.getMessage());
      return 1;
    }
    KafkaOpts.applyToThisJvm(cub.env());
    TopicEnsurer ensurer =
        TopicEnsurer.forCluster(ClientConfigFile.read(config))
            .withTimeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
    if (createIfNotExists) {
      ensurer = ensurer.creatingMissingTopics();
    }
    List<String> problems = ensurer.ensure(topics);
    problems.forEach(err::println);
    return problems.isEmpty() ? 0 : 1;
  }
}
