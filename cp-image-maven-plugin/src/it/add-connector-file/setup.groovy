// Builds the connector jar this test adds with -Dfile: Kafka's FileStream connector classes,
// repackaged under a name of our own (so the connector is named "file-stream").
import java.util.jar.JarEntry
import java.util.jar.JarFile
import java.util.jar.JarOutputStream

def source = new File(localRepositoryPath,
    "org/apache/kafka/connect-file/${kafkaVersion}/connect-file-${kafkaVersion}.jar")
def target = new File(basedir, 'plugins/file-stream-1.0.0.jar')
target.parentFile.mkdirs()
new JarFile(source).withCloseable { jar ->
  new JarOutputStream(new FileOutputStream(target)).withCloseable { out ->
    jar.entries().findAll { it.name.endsWith('.class') }.each { entry ->
      out.putNextEntry(new JarEntry(entry.name))
      out << jar.getInputStream(entry)
      out.closeEntry()
    }
  }
}
return true
