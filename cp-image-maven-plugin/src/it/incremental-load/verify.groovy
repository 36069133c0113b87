import groovy.json.JsonSlurper

def sh = evaluate(new File(itSupport, 'sh.groovy'))
def image = 'cp-image-it/incremental-load:1'
try {
  def log = new File(basedir, 'build.log').text
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  def baseLayers = sh("docker image inspect --format '{{len .RootFS.Layers}}' cp-image-it/incremental-load-base:1") as int

  // First build: the base's layers are in the daemon, only the extra-directories layer and the one
  // with the SBOM and the file tree are sent.
  assert log =~ /Loaded only the layers the engine lacks: sent 2 layers \([0-9.]+ [kM]?B\), skipped ${baseLayers} layers? \([0-9.]+ [kMG]?B\) the engine holds/
  // The second build knows the base by its image ID: neither saved nor extracted again (jib takes
  // its config and layers from its base layer cache), and it still gives the same image (below).
  def againLog = log.substring(log.indexOf(':build (again)'))
  assert againLog.contains('Base image docker://cp-image-it/incremental-load-base:1: its config and file tree from the cache, not saved') : againLog
  assert !againLog.contains('Saving base image') : againLog
  // Second build, nothing changed: every layer is in the daemon.
  assert log =~ /Loaded only the layers the engine lacks: sent 0 layers \(0 B\), skipped ${baseLayers + 2} layers/
  // The second build asks the daemon once about its images: the IDs of the base and the target
  // for the up-to-date check, and their layers for the load, in the same call.
  def calls = new File(basedir, 'target/docker-calls.txt').readLines()
  def loads = calls.findIndexValues { it.startsWith('load') }
  assert loads.size() == 2 : calls
  // The first build, whose target the daemon lacks, asks once too: the daemon's refusal names the
  // target, so neither the base's ID nor, for the load, its layers are asked again (a read of the
  // base's config, `image inspect <base>`, comes when no earlier build left it in the cache).
  def firstBuild = calls.subList(0, (loads[0] as int) + 1)
  assert firstBuild.count { it == 'image inspect --format' } == 1 : calls
  def secondBuild = calls.subList((loads[0] as int) + 1, (loads[1] as int) + 1)
  assert secondBuild.count { it.startsWith('image inspect') } == 1 : calls
  // The layer table: the base's layers reused, ours new, then reused from the daemon.
  assert log =~ /base layer 1\/${baseLayers} +[0-9.]+ [kMG]?B +reused \(base\)/
  assert log =~ /extra-directories +[0-9.]+ [kM]?B +new/
  assert log =~ /extra-directories +[0-9.]+ [kM]?B +reused \(daemon\)/

  // The image runs, with the file of the layer that was sent.
  assert sh("docker run --rm --entrypoint cat ${image} /opt/hello.txt") == 'hello from a new layer'

  // Same image ID as the whole image loaded by docker load (jib's own tar of the same build).
  assert sh("docker image inspect --format '{{.Id}}' ${image}") == report.imageId
  sh("docker rmi -f ${image}")
  assert sh("docker load -i '${new File(basedir, 'target/full.tar').path}'").contains("Loaded image: ${image}")
  assert sh("docker image inspect --format '{{.Id}}' ${image}") == report.imageId
  def again = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report-again.json'))
  assert again.imageId == report.imageId
  return true
} finally {
  sh("docker rmi -f ${image} cp-image-it/incremental-load-base:1")
}
