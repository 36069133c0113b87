import groovy.json.JsonSlurper

// registry: a script variable, the address of the local registry this module's build started.
def image = "$registry/cp-image-it/jdk:1"

def run = { List<String> command ->
  def process = command.execute()
  def out = new StringBuilder(), err = new StringBuilder()
  process.waitForProcessOutput(out, err)
  assert process.exitValue() == 0 : "${command.join(' ')} failed: $err $out"
  (out.toString() + err.toString()).trim()
}
def inImage = { String script -> run(['docker', 'run', '--rm', image, 'sh', '-c', script]) }

def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
// The registry serves the manifest under the digest the build reported.
def manifest = new URL("http://$registry/v2/cp-image-it/jdk/manifests/1").openConnection()
manifest.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
assert manifest.responseCode == 200
assert manifest.getHeaderField('Docker-Content-Digest') == report.digest
assert report.layers*.name == ['jdk:jre-17', 'volumes', 'sbom-and-file-tree']

try {
  run(['docker', 'pull', image])
  // JAVA_HOME and PATH computed from the base's env: the base's Java is gone from PATH.
  assert inImage('echo "$JAVA_HOME"') == '/usr/lib/jvm/jre-17'
  assert inImage('echo "$PATH"') == '/usr/lib/jvm/jre-17/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  assert inImage('java -version').contains('version "17')
  // The JRE's release file says 17, so the unified -Xlog flags; the JVM accepts them and writes
  // the log into the volume as the image's user.
  def gcFlags = inImage('echo "$KAFKA_GC_LOG_OPTS"')
  assert gcFlags == '-Xlog:gc*:file=/var/log/gc/gc.log:time,uptime:filecount=10,filesize=100M'
  assert inImage('java $KAFKA_GC_LOG_OPTS -version >/dev/null 2>&1 && id -u && ls /var/log/gc').readLines() == ['1000', 'gc.log']
  // <utilityBelt><skip>true</skip></utilityBelt>: no dub in this image.
  assert inImage('ls /usr/local/bin | wc -l') == '0'
  true
} finally {
  ['docker', 'rmi', '-f', image].execute().waitFor()
}
