import groovy.json.JsonSlurper
import java.util.zip.GZIPInputStream

// registry: a script variable, the address of the local registry this module's build started.
def secrets = ['it-from-user-5b1d', 'it-from-pass-9c2e', 'it-to-user-7a3f', 'it-to-pass-4d8b']

def fetch = { String path, String accept ->
  def connection = new URL("http://$registry/v2/cp-image-it/no-secret/$path").openConnection()
  if (accept) {
    connection.setRequestProperty('Accept', accept)
  }
  assert connection.responseCode == 200 : "GET $path: HTTP ${connection.responseCode}"
  connection.inputStream.bytes
}
def text = { byte[] bytes -> new String(bytes, 'ISO-8859-1') }
def unzipped = { byte[] bytes ->
  (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b)
      ? new GZIPInputStream(new ByteArrayInputStream(bytes)).bytes
      : bytes
}

// What the registry holds: the manifest, the config (labels, env, history) and every layer, each
// layer unpacked (its tar headers, names and contents are all in its bytes).
def manifestBytes = fetch('manifests/1',
    'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json')
def manifest = new JsonSlurper().parse(manifestBytes)
def config = text(fetch("blobs/${manifest.config.digest}", null))
def layers = manifest.layers.collect { text(unzipped(fetch("blobs/${it.digest}", null))) }
def image = text(manifestBytes) + config + layers.join('\n')

// target/cp-image (the report and anything else the build kept) and the build log.
def work = new StringBuilder()
new File(basedir, 'target/cp-image').eachFileRecurse { if (it.isFile()) work << text(it.bytes) }
def log = new File(basedir, 'build.log').text

// The scan sees what the build put there, so a secret beside it would be seen too.
assert config.contains('"team":"platform"') : 'the label is not in the pushed config'
assert layers.any { it.contains('var/lib/no-secret') } : 'the volumes layer was not scanned'
assert work.toString().contains('"layers"') : 'the report was not scanned'
// jib used the credentials for the push, so they went through the whole credential path.
assert log.contains("Using credentials from <to><auth> for $registry/cp-image-it/no-secret:1")

secrets.each { secret ->
  assert !image.contains(secret) : "$secret is in the pushed image (manifest, config or a layer)"
  assert !work.toString().contains(secret) : "$secret is in target/cp-image"
  assert !log.contains(secret) : "$secret is in the build log"
}
true
