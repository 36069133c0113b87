import groovy.json.JsonSlurper

def sh = evaluate(new File(itSupport, 'sh.groovy'))
def images = 'cp-image-it/held-base:1 cp-image-it/held-base:2 cp-image-it/held-base-base:1'
try {
  def log = new File(basedir, 'build.log').text
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  def baseLayers = sh("docker image inspect --format '{{len .RootFS.Layers}}' cp-image-it/held-base-base:1") as int

  // First build: the daemon's base is read through an export, never saved or compressed, and only
  // the new layers are sent.
  def first = log.substring(0, log.indexOf(':build (again) @'))
  assert first.contains('Base image docker://cp-image-it/held-base-base:1: held by the Docker daemon, reading its file tree') : first
  assert !first.contains('Saving base image') : first
  assert !first.contains("Compressing the base's layers") : first
  assert first =~ /Loaded only the layers the engine lacks: sent 2 layers \([0-9.]+ [kM]?B\), skipped ${baseLayers} layers? the engine holds/
  // The build is pinned to the base's image ID: jib does not warn that its tag is not reproducible.
  assert !log.contains('does not use a specific image digest') : log
  // The table does not pretend to know the size of a layer only the daemon has.
  assert first =~ /base layer 1\/${baseLayers} +- +reused \(base\)/
  assert first =~ /extra-directories +[0-9.]+ [kM]?B +new/

  // Second build: the base's config and file tree from the caches, no container exported.
  def again = log.substring(log.indexOf(':build (again) @'), log.indexOf(':build (tar) @'))
  assert again.contains('Base image docker://cp-image-it/held-base-base:1: held by the Docker daemon, its file tree from the cache') : again
  assert !again.contains('Saving base image') : again

  // No container is left from the export.
  assert sh("docker ps -a --filter label=io.cpimage.export=true --format '{{.ID}}'") == ''

  // The image runs, with the new layer's file, and is the image the report names.
  def image = 'cp-image-it/held-base:1'
  assert sh("docker run --rm --entrypoint cat ${image} /opt/hello.txt") == 'hello from a new layer'
  assert sh("docker image inspect --format '{{.Id}}' ${image}") == report.imageId

  // The same build on the saved base (the tar execution) gives the same image: the base's config
  // as the daemon reports it is the config docker save gives, to the field jib reads.
  def saved = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report-tar.json'))
  def tarLog = log.substring(log.indexOf(':build (tar) @'))
  assert tarLog.contains('Saving base image') || tarLog.contains('from the cache, not saved') : tarLog
  assert saved.imageId == report.imageId
  return true
} finally {
  sh("docker rmi -f ${images}")
}
