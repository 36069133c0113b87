// Makes target/probe/kafka_2.13-<version>.jar for each line: a jar whose only class is Kafka's main
// class, printing a line of its own, padded to exactly the size of the base image's Kafka jar.
import java.util.jar.JarEntry
import java.util.jar.JarOutputStream
import java.util.zip.CRC32
import java.util.zip.ZipEntry
import javax.tools.ToolProvider

def sources = new File(basedir, 'target/probe-src/kafka')
def classes = new File(basedir, 'target/probe-classes')
sources.mkdirs()
classes.mkdirs()
new File(sources, 'Kafka.java').text = '''
package kafka;
public final class Kafka {
  public static void main(String[] args) {
    System.out.println("probe: the replacement class runs");
  }
}
'''
assert ToolProvider.getSystemJavaCompiler().run(null, null, null,
    '-d', classes.path, '--release', '17', new File(sources, 'Kafka.java').path) == 0

// A stored entry's bytes add to the jar's size one for one: write the jar with an empty padding
// entry, then again with as many bytes as it fell short.
def write = { File jar, int padding ->
  new JarOutputStream(new FileOutputStream(jar)).withCloseable { out ->
    out.putNextEntry(new JarEntry('kafka/Kafka.class'))
    out.write(new File(classes, 'kafka/Kafka.class').bytes)
    out.closeEntry()
    def bytes = new byte[padding]
    def crc = new CRC32()
    crc.update(bytes)
    def entry = new JarEntry('padding')
    entry.method = ZipEntry.STORED
    entry.size = padding
    entry.compressedSize = padding
    entry.crc = crc.value
    out.putNextEntry(entry)
    out.write(bytes)
    out.closeEntry()
  }
}

[kafkaVersion, kafka3Version].each { version ->
  def base = "cp-image/cp-kafka:${version}-${cpImageVersion}"
  def jarName = "kafka_2.13-${version}.jar"
  def stat = ['docker', 'run', '--rm', '--entrypoint', 'stat', base, '-c', '%s',
              "/usr/share/java/kafka/${jarName}"].execute()
  def size = stat.text.trim()
  assert stat.waitFor() == 0 && size.isLong() : "size of ${jarName} in ${base}: ${size}"
  def jar = new File(basedir, "target/probe/${jarName}")
  jar.parentFile.mkdirs()
  write(jar, 0)
  write(jar, (int) (size.toLong() - jar.length()))
  assert jar.length() == size.toLong()
}
return true
