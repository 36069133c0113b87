package it.connector;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** The task of {@link HelloSourceConnector}; produces nothing. */
public class HelloSourceTask extends SourceTask {
  @Override
  public String version() {
    return "1.0";
  }

  @Override
  public void start(Map<String, String> props) {}

  @Override
  public List<SourceRecord> poll() {
    return List.of();
  }

  @Override
  public void stop() {}
}
