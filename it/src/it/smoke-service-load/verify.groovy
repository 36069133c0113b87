def image = 'cp-image-it/smoke-service-load:1'
def log = evaluate(new File(itSupport, 'smoke-log.groovy'))(basedir, image)
assert log.contains('Connector plain: ServiceLoader manifests for 2 plugin entries in cp-image-manifests.jar')
def listed = log.readLines().find { it.contains('(b) the worker lists [') }
assert listed : 'no (b) line'
assert listed.contains('[it.smoke.plain.PlainSourceConnector, it.smoke.plain.PlainTransformation]')
assert log.contains("cp-image:verify-ready: smoke test of ${image} passed")

def inImage = { String command ->
  def process = ['docker', 'run', '--rm', '--entrypoint', 'bash', image, '-c', command].execute()
  def out = process.text
  assert process.waitFor() == 0 : out
  out.trim()
}
// The worker's mode, as its configure step chooses it: every plugin location has manifests.
assert inImage('/etc/confluent/docker/plugin-discovery') == 'service_load'
// The connector's jar is the user's, byte for byte; the manifests are beside it.
def dir = '/usr/share/confluent-hub-components/plain'
def local = java.security.MessageDigest.getInstance('SHA-256')
    .digest(new File(basedir, 'target/plain-connector.jar').bytes).encodeHex().toString()
assert inImage("sha256sum ${dir}/plain-connector.jar").startsWith(local)
// The manifests name the connector's two plugin types, and only those (a zip stores entry names as they are).
def entries = inImage("grep -a -o 'META-INF/services/org[A-Za-z.]*' ${dir}/cp-image-manifests.jar")
assert entries.contains('META-INF/services/org.apache.kafka.connect.source.SourceConnector') : entries
assert entries.contains('META-INF/services/org.apache.kafka.connect.transforms.Transformation') : entries
assert !entries.contains('SinkConnector') : entries
['docker', 'rmi', image].execute().waitFor()
return true
