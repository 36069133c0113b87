// Compiles a Source connector that creates an it.smoke.dependency.Helper, and packs only the
// connector's class into target/broken-connector.jar: Helper's jar is left out, as if a dependency
// of the connector had been forgotten.
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import javax.tools.ToolProvider

def sources = new File(basedir, 'target/broken-src')
def classes = new File(basedir, 'target/broken-classes')
new File(sources, 'it/smoke/dependency').mkdirs()
new File(sources, 'it/smoke/connector').mkdirs()
classes.mkdirs()
new File(sources, 'it/smoke/dependency/Helper.java').text = '''
package it.smoke.dependency;
public class Helper {
  public String version() { return "1.0"; }
}
'''
new File(sources, 'it/smoke/connector/BrokenSourceConnector.java').text = '''
package it.smoke.connector;
import it.smoke.dependency.Helper;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;
public class BrokenSourceConnector extends SourceConnector {
  private final Helper helper = new Helper();
  @Override public String version() { return helper.version(); }
  @Override public void start(Map<String, String> props) {}
  @Override public Class<? extends Task> taskClass() { return null; }
  @Override public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(); }
  @Override public void stop() {}
  @Override public ConfigDef config() { return new ConfigDef(); }
}
'''
def repo = localRepositoryPath.toString()
def kafka = "${repo}/org/apache/kafka"
def classpath = ["${kafka}/connect-api/${kafkaVersion}/connect-api-${kafkaVersion}.jar",
                 "${kafka}/kafka-clients/${kafkaVersion}/kafka-clients-${kafkaVersion}.jar"]
classpath.each { assert new File(it).isFile() : "missing ${it}" }
def javaFiles = []
sources.eachFileRecurse { if (it.name.endsWith('.java')) javaFiles << it.path }
int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
    (['-d', classes.path, '-cp', classpath.join(File.pathSeparator), '--release', '11'] + javaFiles) as String[])
assert exit == 0

def entry = 'it/smoke/connector/BrokenSourceConnector.class'
new JarOutputStream(new FileOutputStream(new File(basedir, 'target/broken-connector.jar'))).withCloseable { jar ->
  jar.putNextEntry(new JarEntry(entry))
  jar.write(new File(classes, entry).bytes)
  jar.closeEntry()
}
return true
