import groovy.json.JsonSlurper

def sh = evaluate(new File(itSupport, 'sh.groovy'))
def registryManifest = evaluate(new File(itSupport, 'registry-manifest.groovy'))
def repository = 'cp-image-it/platforms-up-to-date'
def target = "${registry}/${repository}:1"
def tar = ~/tar:\/\/\S*target\/image\.tar/
def daemon = "docker://${repository}:1"
try {
  def log = new File(basedir, 'build.log').text
  // Three Maven runs: built; nothing changed; a label changed.
  def runs = log.split(/\[INFO\] BUILD SUCCESS/)
  assert runs.size() >= 3 : log
  def (first, second, third) = runs[0..2]
  def upToDate = { image ->
    def name = image instanceof java.util.regex.Pattern ? image.pattern() : java.util.regex.Pattern.quote(image)
    ~/Image ${name} is up to date \(sha256:[0-9a-f]{64}\): no input changed/
  }
  def built = { String run ->
    assert run.contains("Pushing the image index ${target}") : run
    assert run =~ /Wrote ${tar.pattern()}: an OCI image layout of 2 platforms/ : run
    assert run.contains("Loading ${daemon} into Docker") : run
    [target, tar, daemon].each { assert !(run =~ upToDate(it)) : run }
  }

  built(first)
  [target, tar, daemon].each { assert second =~ upToDate(it) : second }
  ['Pulling base image', 'Planning the', 'Pushing', 'Wrote ', 'Loading '].each {
    assert !second.contains(it) : second
  }
  built(third)

  // A build puts each platform's image and the index under 1 and latest: none in the second run.
  def registryLog = new File(basedir, '../../it-registry/registry.log').text
  def puts = (registryLog =~ /"PUT \/v2\/${java.util.regex.Pattern.quote(repository)}\/manifests\//).size()
  assert puts == 2 * 4 : "expected 8 manifest PUTs (two builds), got ${puts}"

  // What the last build left is what the stamps now vouch for.
  def report = { String name -> new JsonSlurper().parse(new File(basedir, "target/cp-image/report-${name}.json")) }
  assert registryManifest(registry, repository, '1').digest == report('registry').digest
  assert registryManifest(registry, repository, 'latest').digest == report('registry').digest
  assert sh("docker image inspect --format '{{.Id}}' ${repository}:1") == report('daemon').imageId
  assert sh("docker image inspect --format '{{index .Config.Labels \"io.cpimage.it.run\"}}' ${repository}:1") == 'changed'
  true
} finally {
  sh("docker rmi -f ${repository}:1")
}
