import groovy.json.JsonSlurper

// setup.groovy loaded the base into the daemon; the build has read it, so it can go.
['docker', 'rmi', '-f', 'cp-image-it/base:1'].execute().waitFor()
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.baseImage == 'docker://cp-image-it/base:1'
assert report.image.endsWith('/target/from-daemon.tar')
assert report.labels.origin == 'cli'
assert report.labels['org.opencontainers.image.base.name'] == 'docker://cp-image-it/base:1'
assert new File(basedir, 'target/from-daemon.tar').isFile()

// The base is saved once, by the first execution (its own cache starts empty): the second
// execution knows it by its image ID and saves nothing.
def log = new File(basedir, 'build.log').text
assert log.count('Saving base image docker://cp-image-it/base:1 from the Docker daemon') == 1
// jib got the saved base with every layer gzipped, by us (it copies such layers as they are).
assert log =~ /Compressed the base's \d+ layers?: /
def baseTar = new File(basedir, 'target/cp-image/base/base-image.tar').path
def savedManifest = new JsonSlurper().parseText(['tar', 'xOf', baseTar, 'manifest.json'].execute().text)
assert !savedManifest[0].Layers.isEmpty()
savedManifest[0].Layers.each { layer ->
  def test = ['sh', '-c', "tar xOf '$baseTar' '$layer' | gzip -t"].execute()
  test.waitForProcessOutput(System.out, System.err)
  assert test.exitValue() == 0 : "$layer in $baseTar is not gzipped"
}
def againLog = log.substring(log.indexOf(':build (again)'))
assert againLog.contains('Base image docker://cp-image-it/base:1: its config and file tree from the cache, not saved') : againLog
assert !againLog.contains('Saving base image') : againLog
def again = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report-again.json'))
assert again.digest == report.digest

// The layer under the base's plugin path keeps that directory's owner and mode.
def layers = ['tar', 'tf', new File(basedir, 'target/from-daemon.tar').path].execute().text.readLines()
def top = layers.findAll { it.endsWith('.tar.gz') }.sort()
def listings = top.collect { name ->
  def process = ['sh', '-c', "tar xOf '${new File(basedir, 'target/from-daemon.tar').path}' '$name' | tar tzvf -"].execute()
  process.text
}
def ours = listings.find { it.contains('confluent-hub-components/extra/note.txt') }
assert ours != null
assert ours.readLines().find { it.endsWith(' usr/share/confluent-hub-components/') } =~ /^drwxrwxr-x 1000\/0 /
true
