package io.cpimage.belt.dub;

import static io.cpimage.belt.dub.DubRun.dub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cpimage.belt.settings.SampleCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dub template}'s settings check at boot: the variables its {@code env_to_props} calls
 * mapped, against {@link SampleCatalogue}.
 */
class TemplateSettingsCheckTest {

  private static final String TEMPLATE =
      "{% for k, v in env_to_props('KAFKA_', '', exclude=['KAFKA_EXCLUDED']).items() %}\n"
          + "{{k}}={{v}}\n{% endfor %}\n"
          + "{% for k, v in env_to_props('CONNECT_', '').items() %}\n{{k}}={{v}}\n{% endfor %}\n";

  @TempDir Path dir;
  private Path template;
  private Path output;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void catalogueAndTemplate() throws IOException {
    template = Files.writeString(dir.resolve("kafka.properties.template"), TEMPLATE);
    output = dir.resolve("kafka.properties");
    env.put("CP_SETTINGS_CATALOGUE", SampleCatalogue.path().toString());
    env.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
  }

  private DubRun render() {
    return dub(env, "template", template.toString(), output.toString());
  }

  @Test
  void knownSettingsOfTheRightTypeRenderSilently() throws IOException {
    env.put("KAFKA_NUM_PARTITIONS", "3");
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("CONNECT_GROUP_ID", "connect");
    env.put("CONNECT_PRODUCER_COMPRESSION_TYPE", "zstd");
    env.put("CONNECT_CONSUMER_MAX_POLL_RECORDS", "10");
    env.put("CONNECT_ADMIN_RETRIES", "1");
    env.put("CONNECT_KEY_CONVERTER_SCHEMAS_ENABLE", "false");
    env.put("CONNECT_LISTENERS_HTTPS_SSL_KEYSTORE_LOCATION", "/etc/k.jks");
    env.put("CONNECT_ADMIN_LISTENERS_HTTPS_SSL_KEYSTORE_LOCATION", "/etc/k.jks");
    env.put("KAFKA_LISTENER_NAME_INTERNAL_SSL_KEYSTORE_LOCATION", "/etc/k.jks");
    env.put("KAFKA_LISTENER_NAME_INTERNAL_SCRAM___SHA___256_SASL_JAAS_CONFIG", "x required;");

    assertEquals(new DubRun(0, "", ""), render());
    assertTrue(Files.readString(output).contains("num.partitions=3\n"));
  }

  @Test
  void anUnknownNameIsAWarningWithTheNearestKnownName() throws IOException {
    env.put("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://kafka:9092");

    DubRun run = render();

    assertEquals(0, run.code(), run.err());
    assertEquals(
        "dub template: warning: `KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which"
            + " Kafka 4.4.0 does not know: did you mean `advertised.listeners`?\n",
        run.err());
    assertTrue(Files.readString(output).contains("advertised.listener=PLAINTEXT"));
  }

  @Test
  void aListenersSettingIsCheckedWithoutItsListenerPrefix() {
    env.put("KAFKA_LISTENER_NAME_INTERNAL_SSL_KEYSTORE_LOCATON", "/etc/k.jks");

    assertEquals(
        "dub template: warning: `KAFKA_LISTENER_NAME_INTERNAL_SSL_KEYSTORE_LOCATON` maps to"
            + " `listener.name.internal.ssl.keystore.locaton`, which Kafka 4.4.0 does not know: did"
            + " you mean `listener.name.internal.ssl.keystore.location`?\n",
        render().err());
  }

  @Test
  void aValueOfTheWrongTypeNamesTheType() {
    env.put("KAFKA_NUM_PARTITIONS", "three");
    env.put("KAFKA_PROCESS_ROLES", "broker,contoller");

    DubRun run = render();

    assertEquals(0, run.code(), run.err());
    assertEquals(
        "dub template: warning: `KAFKA_NUM_PARTITIONS=three` sets `num.partitions`, which takes an"
            + " INT (a whole number) in Kafka 4.4.0\n"
            + "dub template: warning: `KAFKA_PROCESS_ROLES=broker,contoller` sets `process.roles`,"
            + " which takes a LIST of broker, controller, comma-separated in Kafka 4.4.0\n",
        run.err());
  }

  @Test
  void connectClientPrefixesAreCheckedAgainstTheClientsSettings() {
    env.put("CONNECT_PRODUCER_COMPRESION_TYPE", "zstd");
    env.put("CONNECT_PRODUCER_COMPRESSION_TYPE", "brotli");

    DubRun run = render();

    assertEquals(
        "dub template: warning: `CONNECT_PRODUCER_COMPRESION_TYPE` maps to"
            + " `producer.compresion.type`, which Kafka 4.4.0's producer client does not know: did"
            + " you mean `producer.compression.type`?\n"
            + "dub template: warning: `CONNECT_PRODUCER_COMPRESSION_TYPE=brotli` sets"
            + " `producer.compression.type`, which takes a STRING of gzip, lz4, none, snappy, zstd"
            + " in Kafka 4.4.0's producer client\n",
        run.err());
  }

  @Test
  void excludedAndHelperVariablesAndAllowedPrefixesAreNotSettings() {
    env.put("KAFKA_EXCLUDED", "x");
    env.put("KAFKA_HEAP_OPTS", "-Xmx1g");
    env.put("KAFKA_JMX_PORT", "9999");
    env.put("CONNECT_CUB_KAFKA_TIMEOUT", "40");
    env.put("KAFKA_SERVICE_HOST", "10.0.0.7");
    env.put("KAFKA_SERVICE_PORT_BROKER", "9092");
    env.put("KAFKA_PORT_9092_TCP_ADDR", "10.0.0.7");
    env.put("KAFKA_CONFLUENT_BALANCER_ENABLE", "true");
    env.put("CP_SETTINGS_ALLOWED_PREFIXES", "authz.,confluent.");

    assertEquals(new DubRun(0, "", ""), render());
  }

  @Test
  void strictSettingsFailTheRenderAndWriteNothing() {
    env.put("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://kafka:9092");
    env.put("CP_STRICT_SETTINGS", "true");

    DubRun run = render();

    assertEquals(1, run.code());
    // dub's own closing line (Command [...] FAILED !) follows, as for every failed verb.
    assertStartsWith(
        "dub template: `KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which Kafka"
            + " 4.4.0 does not know: did you mean `advertised.listeners`?\n"
            + "dub template: CP_STRICT_SETTINGS=true: 1 setting refused, nothing written; fix the"
            + " variables, or allow a plugin's settings by prefix with"
            + " CP_SETTINGS_ALLOWED_PREFIXES\n",
        run.err());
    assertFalse(Files.exists(output));
  }

  private static void assertStartsWith(String expected, String actual) {
    assertTrue(actual.startsWith(expected), actual);
  }

  @Test
  void aCatalogueLineWithoutItsFiveColumnsOrOfNoSectionFailsTheRender() throws IOException {
    String sample = Files.readString(SampleCatalogue.path());
    for (String line :
        List.of("broker\tnum.partitions\tINT\t", "brokers\tnum.partitions\tINT\t\t")) {
      Path catalogue =
          Files.writeString(
              dir.resolve("bad.tsv"), sample.replace("broker\tnum.partitions\tINT\t\t", line));
      env.put("CP_SETTINGS_CATALOGUE", catalogue.toString());

      DubRun run = render();

      assertEquals(1, run.code(), line);
      assertStartsWith(
          "dub template: cannot read the settings catalogue: "
              + catalogue
              + ":3: not a settings catalogue line (section, name, type, values, case)\n",
          run.err());
      assertFalse(Files.exists(output));
    }
  }

  @Test
  void withoutACatalogueNothingIsChecked() {
    env.put("CP_SETTINGS_CATALOGUE", dir.resolve("absent.tsv").toString());
    env.put("KAFKA_ADVERTISED_LISTENER", "PLAINTEXT://kafka:9092");
    env.put("CP_STRICT_SETTINGS", "true");

    assertEquals(new DubRun(0, "", ""), render());
  }
}
