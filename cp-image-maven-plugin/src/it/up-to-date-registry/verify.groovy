import groovy.json.JsonSlurper

def sh = evaluate(new File(itSupport, 'sh.groovy'))
def registryManifest = evaluate(new File(itSupport, 'registry-manifest.groovy'))
def target = "${registry}/cp-image-it/up-to-date-registry:1"
def base = "${registry}/cp-image-it/up-to-date-registry-base:1"
try {
  def log = new File(basedir, 'build.log').text
  // Five Maven runs: built; nothing changed; a label changed; the base's tag moved; built on the
  // new base.
  def runs = log.split(/\[INFO\] BUILD SUCCESS/)
  assert runs.size() >= 5 : log
  def (first, second, third, move, fourth) = runs[0..4]
  def upToDate = { String image ->
    ~/Image ${java.util.regex.Pattern.quote(image)} is up to date \(sha256:[0-9a-f]{64}\): no input changed/
  }

  assert first.contains("Pushing ${target}") : first
  // The daemon holds the base as pulled (setup.groovy), known by its ID in the registry: only the
  // new layers go.
  assert first =~ /Loaded only the layers the engine lacks: sent [0-9]+ layers? \([^)]*\), skipped [1-9][0-9]* layers?/ : first

  assert second =~ upToDate(target) : second
  assert second =~ upToDate('docker://cp-image-it/up-to-date-registry:1') : second
  ['Pushing ', 'Pulling base image', 'Loading '].each { assert !second.contains(it) : second }

  // A changed input builds again, on the tar pulled for the same base: the registry is asked only
  // which image the tag names.
  assert !(third =~ upToDate(target)) : third
  assert third.contains("Base image ${base} unchanged since the last build: not pulled again") : third
  assert !third.contains('Pulling base image') : third
  assert third.contains("Pushing ${target}") : third

  assert move.contains("Pushing ${base}") : move

  assert !(fourth =~ upToDate(target)) : fourth
  assert fourth.contains("Pulling base image ${base}") : fourth
  assert fourth.contains("Pushing ${target}") : fourth
  assert fourth.contains('Loading docker://cp-image-it/up-to-date-registry:1 into Docker') : fourth

  // The registry saw the target's manifest put twice per build (its tag and latest): none in the
  // second run.
  def registryLog = new File(basedir, '../../it-registry/registry.log').text
  assert (registryLog =~ /"PUT \/v2\/cp-image-it\/up-to-date-registry\/manifests\//).size() == 6

  // The last push is under both tags, built on the moved base: its label names the new base by
  // the ID a daemon gives it, its config's digest in the registry.
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  def pushed = registryManifest(registry, 'cp-image-it/up-to-date-registry', '1')
  assert pushed.digest == report.digest
  assert registryManifest(registry, 'cp-image-it/up-to-date-registry', 'latest').digest == report.digest
  def movedBase = registryManifest(registry, 'cp-image-it/up-to-date-registry-base', '1')
  def config = new JsonSlurper().parse(
      new URL("http://${registry}/v2/cp-image-it/up-to-date-registry/blobs/${pushed.json.config.digest}"))
  assert config.config.Labels['org.opencontainers.image.base.digest'] == movedBase.json.config.digest
  assert report.baseImageId == movedBase.json.config.digest
  true
} finally {
  sh('docker rmi -f cp-image-it/up-to-date-registry:1 cp-image-it/up-to-date-registry-base:1')
}
