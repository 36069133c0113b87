import groovy.json.JsonSlurper

// setup.groovy loaded the base into the daemon; the build has read it, so it can go.
['docker', 'rmi', '-f', 'cp-image-it/base:1'].execute().waitFor()
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.baseImage == 'docker://cp-image-it/base:1'
assert report.image.endsWith('/target/from-daemon.tar')
assert report.labels.origin == 'cli'
assert report.labels['org.opencontainers.image.base.name'] == 'docker://cp-image-it/base:1'
assert new File(basedir, 'target/from-daemon.tar').isFile()

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
