import groovy.json.JsonSlurper

// setup.groovy loaded the base into the daemon; the build has read it, so it can go.
['docker', 'rmi', '-f', 'cp-image-it/base:1'].execute().waitFor()
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.baseImage == 'docker://cp-image-it/base:1'
assert report.image.endsWith('/target/from-daemon.tar')
assert report.labels.origin == 'cli'
assert report.labels['org.opencontainers.image.base.name'] == 'docker://cp-image-it/base:1'
assert new File(basedir, 'target/from-daemon.tar').isFile()

// The base is saved at most once (not at all when an earlier build cached its image ID): the
// second execution knows it by its image ID and saves nothing.
def log = new File(basedir, 'build.log').text
assert log.count('Saving base image docker://cp-image-it/base:1 from the Docker daemon') <= 1
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
