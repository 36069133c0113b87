import groovy.json.JsonSlurper
import java.security.MessageDigest

// Loads the IT base into the daemon under this IT's own name, so the build finds its layers there.
// Tagged by ID (the sha256 of its config): other ITs load and remove cp-image-it/base:1 meanwhile.
def tar = "${itBase}/base.tar"
def manifest = new JsonSlurper().parseText(['tar', 'xOf', tar, 'manifest.json'].execute().text)
def config = ['tar', 'xOf', tar, manifest[0].Config].execute().inputStream.bytes
def id = 'sha256:' + MessageDigest.getInstance('SHA-256').digest(config).encodeHex()
def tagged = false
for (int attempt = 0; attempt < 3 && !tagged; attempt++) {
  def load = ['docker', 'load', '-i', tar].execute()
  load.waitForProcessOutput(System.out, System.err)
  assert load.exitValue() == 0
  tagged = ['docker', 'tag', id, 'cp-image-it/incremental-load-refused-base:1'].execute().waitFor() == 0
}
assert tagged
// The invoker's copy of the project may lose the stand-in's exec bit.
assert new File(basedir, 'bin/docker').setExecutable(true)
new File(basedir, 'target').mkdirs()
true
