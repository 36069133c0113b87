package io.cpimage.baseimages.sequence;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Writes the sequence in one batch, remembering in its source offset how far it got, so that a
 * restarted task does not write it again; then idles.
 */
public final class SequenceSourceTask extends SourceTask {
  private static final Map<String, String> PARTITION = Map.of("sequence", "only");
  private String topic;
  private int count;
  private int written;

  @Override
  public void start(Map<String, String> props) {
    topic = props.get(SequenceSourceConnector.TOPIC);
    count = Integer.parseInt(props.get(SequenceSourceConnector.COUNT));
    Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
    written = offset == null ? 0 : ((Number) offset.get("written")).intValue();
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    if (written >= count) {
      Thread.sleep(1000);
      return null;
    }
    List<SourceRecord> records =
        java.util.stream.IntStream.rangeClosed(written + 1, count)
            .mapToObj(
                n ->
                    new SourceRecord(
                        PARTITION,
                        Map.of("written", n),
                        topic,
                        Schema.STRING_SCHEMA,
                        "record-" + n))
            .toList();
    written = count;
    return records;
  }

  @Override
  public void stop() {}

  @Override
  public String version() {
    return "1.0";
  }
}
