// Compiles a source connector and a transformation and packs them into target/plain-connector.jar,
// without META-INF/services entries, as connectors built before Kafka 3.6 are.
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

def sources = new File(basedir, 'target/plain-src/it/smoke/plain')
def classes = new File(basedir, 'target/plain-classes')
sources.mkdirs()
classes.mkdirs()
new File(sources, 'PlainSourceConnector.java').text = '''
package it.smoke.plain;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
public class PlainSourceConnector extends SourceConnector {
  @Override public String version() { return "1.0"; }
  @Override public void start(Map<String, String> props) {}
  @Override public Class<? extends Task> taskClass() { return null; }
  @Override public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }
  @Override public void stop() {}
  @Override public ConfigDef config() { return new ConfigDef(); }
}
'''
new File(sources, 'PlainTransformation.java').text = '''
package it.smoke.plain;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
public class PlainTransformation<R extends ConnectRecord<R>> implements Transformation<R> {
  @Override public R apply(R record) { return record; }
  @Override public ConfigDef config() { return new ConfigDef(); }
  @Override public void close() {}
  @Override public void configure(Map<String, ?> configs) {}
}
'''
def kafka = "${localRepositoryPath}/org/apache/kafka"
def classpath = ["${kafka}/connect-api/${kafkaVersion}/connect-api-${kafkaVersion}.jar",
                 "${kafka}/kafka-clients/${kafkaVersion}/kafka-clients-${kafkaVersion}.jar"]
classpath.each { assert new File(it).isFile() : "missing ${it}" }
def javaFiles = []
sources.eachFile { if (it.name.endsWith('.java')) javaFiles << it.path }
int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
    (['-d', classes.path, '-cp', classpath.join(File.pathSeparator), '--release', '11'] + javaFiles) as String[])
assert exit == 0

new JarOutputStream(new FileOutputStream(new File(basedir, 'target/plain-connector.jar'))).withCloseable { jar ->
  ['PlainSourceConnector', 'PlainTransformation'].each { name ->
    def entry = "it/smoke/plain/${name}.class"
    jar.putNextEntry(new JarEntry(entry))
    jar.write(new File(classes, entry).bytes)
    jar.closeEntry()
  }
}
return true
