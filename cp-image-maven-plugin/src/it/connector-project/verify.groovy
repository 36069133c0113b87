import groovy.json.JsonSlurper

def image = 'cp-image-it/connector-project:1'

def run = { List<String> command ->
  def process = command.execute()
  def out = new StringBuilder(), err = new StringBuilder()
  process.waitForProcessOutput(out, err)
  assert process.exitValue() == 0 : "${command.join(' ')} failed: $err $out"
  out.toString().trim()
}
def inImage = { String script, List<String> options = [] ->
  run(['docker', 'run', '--rm'] + options + [image, 'sh', '-c', script])
}

try {
  // The image's user, and the plugin path keeps the base's owner, group and mode (jib would reset it).
  assert inImage('id -u') == '1000'
  assert inImage('stat -c "%u:%g %a" /usr/share/confluent-hub-components') == '1000:0 775'

  // The project's own connector: its jar and runtime dependencies, not what Connect provides, and
  // the ServiceLoader manifests its jar lacks, in a jar of their own (KIP-898).
  def own = inImage('ls /usr/share/confluent-hub-components/connector-project').readLines()
  assert own == ['connector-project-1.0.jar', 'cp-image-manifests.jar', 'jackson-core-2.20.1.jar']
  def file = inImage('ls /usr/share/confluent-hub-components/file').readLines()
  assert file == ['connect-file-3.9.1.jar', 'jackson-core-2.20.1.jar']
  assert inImage('ls /usr/share/java/kafka') == 'connect-json-3.9.1.jar'

  // The utility belt.
  assert inImage('stat -c "%a %u:%g" /usr/local/bin/dub /usr/local/bin/cub /usr/share/java/cp-image-utility-belt/utility-belt.jar'
      + ' /usr/share/java/cp-image-utility-belt/utility-belt-checks.jar')
      .readLines() == ['755 0:0', '755 0:0', '644 0:0', '644 0:0']

  // Volumes (declared and from <jvm>) are writable by the user and by any uid in group 0.
  assert inImage('stat -c "%u:%g %a" /var/lib/kafka/data /var/log/kafka-gc /var/lib/kafka/dumps')
      .readLines() == ['1000:0 775'] * 3
  assert inImage('touch /var/lib/kafka/data/probe && echo written', ['--user', '4242:0']) == 'written'

  // Files from src/main/cp-image keep their exec bit; the permission rule applies.
  assert run(['docker', 'run', '--rm', image]) == 'it run'
  assert inImage('hello') == 'hello from tools'
  assert inImage('stat -c %a /etc/kafka/connect-log4j.properties.template') == '640'

  // Environment: $PATH and ${KAFKA_OPTS} expanded by the plugin; GC flags for the base's Java 8.
  assert inImage('echo "$PATH"') ==
      '/opt/tools/bin:/usr/lib/jvm/base-jdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  def kafkaOpts = '-Dbase=1 -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=/var/lib/kafka/dumps -Dit.extra=1'
  assert inImage('echo "$KAFKA_OPTS"') == kafkaOpts
  assert inImage('echo "$OPTS_COPY"') == kafkaOpts
  assert inImage('echo "$KAFKA_HEAP_OPTS"') == '-Xms64m -Xmx256m'
  assert inImage('echo "$KAFKA_GC_LOG_OPTS"').startsWith('-Xloggc:/var/log/kafka-gc/gc.log -verbose:gc')

  // Image config: labels (ours, Confluent's, the base's), volumes, ports, user, creation time.
  def config = new JsonSlurper().parseText(run(['docker', 'inspect', '-f', '{{json .Config}}', image]))
  assert config.Labels.team == 'it'
  assert config.Labels['io.confluent.docker'] == 'true'
  assert config.Labels['io.confluent.docker.build.number'] == '-1'
  assert config.Labels['io.cpimage.project'] == 'io.cpimage.it:connector-project'
  assert config.Labels['io.cpimage.test.base'] == 'busybox'
  assert config.Labels['org.opencontainers.image.version'] == '1.0'
  assert config.Labels['org.opencontainers.image.base.name'].startsWith('tar://')
  assert config.Volumes.keySet() == ['/var/lib/kafka/data', '/var/log/kafka-gc', '/var/lib/kafka/dumps'] as Set
  assert config.ExposedPorts.keySet() == ['8083/tcp'] as Set
  assert config.User == 'appuser'
  assert run(['docker', 'inspect', '-f', '{{.Created}}', image]).startsWith('1980-01-01T00:00:02')
  run(['docker', 'image', 'inspect', 'cp-image-it/connector-project:extra'])

  // The report, and reproducibility: the second build gives the same digest and the same tar bytes.
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  def again = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report-again.json'))
  // connector-manifests: the ServiceLoader manifests the project's jar lacks (connect-file has its own).
  assert report.layers*.name == ['utility-belt', 'libraries', 'connector:connector-project', 'connector:file',
                                 'connector-manifests', 'volumes', 'extra-directories', 'sbom-and-file-tree']
  assert report.layers.every { it.diffId.startsWith('sha256:') }
  assert report.artifacts.find { it.file == 'connect-file-3.9.1.jar' }.sha256.startsWith('sha256:')
  assert report.user == 'appuser'
  assert report.environment.KAFKA_OPTS == kafkaOpts
  assert report.digest.startsWith('sha256:')
  assert report.digest == again.digest
  assert report.layers == again.layers
  def sha = { String name -> run(['sha256sum', new File(basedir, "target/$name").path]).split(' ')[0] }
  assert sha('image.tar') == sha('again.tar')

  // The last line of the goal names the image and its digest.
  def log = new File(basedir, 'build.log').text
  assert log.contains("Built image docker://cp-image-it/connector-project:1 with digest ${report.digest}")
  assert log.contains("Built image tar://${new File(basedir, 'target/again.tar').canonicalPath} with digest ${report.digest}")
  true
} finally {
  ['docker', 'rmi', '-f', image, 'cp-image-it/connector-project:extra'].execute().waitFor()
}
