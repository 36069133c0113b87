import groovy.json.JsonSlurper
import java.security.MessageDigest

// Loads the IT base into the daemon under an IT's own name, so its build finds the base's layers
// there. Tagged by ID (the sha256 of its config): other ITs load and remove cp-image-it/base:1
// meanwhile. Returns a closure: loadItBase(itBase, tag).
return { String itBase, String tag ->
  def tar = "${itBase}/base.tar"
  def manifest = new JsonSlurper().parseText(['tar', 'xOf', tar, 'manifest.json'].execute().text)
  def config = ['tar', 'xOf', tar, manifest[0].Config].execute().inputStream.bytes
  def id = 'sha256:' + MessageDigest.getInstance('SHA-256').digest(config).encodeHex()
  def tagged = false
  for (int attempt = 0; attempt < 3 && !tagged; attempt++) {
    def load = ['docker', 'load', '-i', tar].execute()
    load.waitForProcessOutput(System.out, System.err)
    assert load.exitValue() == 0
    tagged = ['docker', 'tag', id, tag].execute().waitFor() == 0
  }
  assert tagged
  true
}
