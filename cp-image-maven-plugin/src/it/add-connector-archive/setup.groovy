// Builds a plugin archive laid out as Confluent Hub ships them (<name>-<version>/lib/*.jar and a
// manifest), with Kafka's connect-file jar inside, for -Dfile: the goal must unpack it to find the
// connector classes.
import java.util.zip.ZipEntry
import java.util.zip.ZipOutputStream

def jar = new File(localRepositoryPath,
    "org/apache/kafka/connect-file/${kafkaVersion}/connect-file-${kafkaVersion}.jar")
def archive = new File(basedir, 'plugins/kafka-connect-file-1.0.0.zip')
archive.parentFile.mkdirs()
new ZipOutputStream(new FileOutputStream(archive)).withCloseable { zip ->
  zip.putNextEntry(new ZipEntry('kafka-connect-file-1.0.0/manifest.json'))
  zip << '{"name": "kafka-connect-file", "version": "1.0.0"}'
  zip.closeEntry()
  zip.putNextEntry(new ZipEntry("kafka-connect-file-1.0.0/lib/${jar.name}"))
  zip << jar.bytes
  zip.closeEntry()
}
return true
