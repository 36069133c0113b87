package io.cpimage.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonImageConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An image as {@code docker image inspect} prints it: three layers, config with nulls. */
  private static final String INSPECT =
      """
      {"Id": "sha256:feed",
       "Created": "2026-11-30T10:15:30.123456789Z",
       "Architecture": "arm64", "Os": "linux",
       "Config": {"Hostname": "", "User": "appuser", "Env": ["PATH=/bin", "A=1"],
                  "Cmd": ["/etc/confluent/docker/run"], "Entrypoint": null, "Tty": false,
                  "Domainname": "", "StopSignal": "SIGTERM",
                  "ExposedPorts": {"9092/tcp": {}}, "Labels": {"k": "v"},
                  "Volumes": {"/var/lib/kafka/data": {}}, "WorkingDir": "",
                  "Healthcheck": {"Test": ["CMD", "true"], "Interval": 5000000000}},
       "RootFS": {"Type": "layers", "Layers": ["sha256:a", "sha256:b", "sha256:c"]}}
      """;

  private static String entry(String createdAt, String createdBy, String comment, long size) {
    return "{\"Comment\":\""
        + comment
        + "\",\"CreatedAt\":\""
        + createdAt
        + "\",\"CreatedBy\":\""
        + createdBy
        + "\",\"ID\":\"<missing>\",\"Size\":\""
        + size
        + "\"}";
  }

  private static JsonNode config(List<String> newestFirst) throws Exception {
    return JSON.readTree(DaemonImageConfig.of(JSON.readTree(INSPECT), newestFirst));
  }

  @Test
  void carriesTheContainerConfigPlatformTimeAndDiffIds() throws Exception {
    JsonNode config = config(List.of());

    assertEquals("2026-11-30T10:15:30.123456789Z", config.get("created").asText());
    assertEquals("arm64", config.get("architecture").asText());
    assertEquals("linux", config.get("os").asText());
    JsonNode container = config.get("config");
    assertEquals("appuser", container.get("User").asText());
    assertEquals(List.of("PATH=/bin", "A=1"), texts(container.get("Env")));
    assertEquals(List.of("/etc/confluent/docker/run"), texts(container.get("Cmd")));
    assertFalse(container.has("Entrypoint"), "a null field stays out");
    assertFalse(container.has("Hostname"), "jib reads no such field");
    assertFalse(container.has("StopSignal"), "jib reads no such field");
    assertFalse(container.has("WorkingDir"), "an empty field stays out, as the config has none");
    assertEquals("v", container.get("Labels").get("k").asText());
    assertEquals(5000000000L, container.get("Healthcheck").get("Interval").asLong());
    assertEquals(
        List.of("sha256:a", "sha256:b", "sha256:c"), texts(config.get("rootfs").get("diff_ids")));
    assertEquals("layers", config.get("rootfs").get("type").asText());
  }

  @Test
  void historyIsOldestFirstInUtcWithTheLayersAccountedFor() throws Exception {
    // Newest first, as docker history prints it; the CLI's zone is +01:00.
    List<String> history =
        List.of(
            entry("2026-11-30T11:15:30+01:00", "/bin/sh -c #(nop)  CMD [\\\"run\\\"]", "", 0),
            entry("2026-11-30T11:15:29+01:00", "COPY dirs /opt/ # buildkit", "buildkit", 0),
            entry("2026-11-30T11:15:28+01:00", "ENV A=1", "buildkit", 0),
            entry("2026-11-30T11:15:27+01:00", "cp-image:null", "utility-belt", 4096),
            entry("2026-11-30T11:15:26+01:00", "debootstrap", "", 80_000_000));

    JsonNode entries = config(history).get("history");

    assertEquals(5, entries.size());
    assertEquals("2026-11-30T10:15:26Z", entries.get(0).get("created").asText());
    assertEquals("debootstrap", entries.get(0).get("created_by").asText());
    assertFalse(entries.get(0).has("comment"));
    assertEquals("utility-belt", entries.get(1).get("comment").asText());
    // Three layers: the two with a size, and the zero-size COPY (a layer of directories) rather
    // than the ENV before it, which only sets config.
    List<Boolean> empty = new ArrayList<>();
    entries.forEach(entry -> empty.add(entry.path("empty_layer").asBoolean(false)));
    assertEquals(List.of(false, false, true, false, true), empty);
  }

  @Test
  void zeroSizeLayersGoToConfigEntriesOnlyWhenNothingElseIsLeft() throws Exception {
    List<String> history =
        List.of(
            entry("2026-11-30T10:15:30Z", "LABEL a=b", "", 0),
            entry("2026-11-30T10:15:29Z", "ENV A=1", "", 0),
            entry("2026-11-30T10:15:28Z", "debootstrap", "", 80_000_000));

    JsonNode entries = config(history).get("history");

    // Three layers, one sized: both zero-size entries made one.
    entries.forEach(entry -> assertFalse(entry.has("empty_layer"), entry.toString()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
