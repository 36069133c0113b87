import groovy.json.JsonSlurper

def registryManifest = evaluate(new File(itSupport, 'registry-manifest.groovy'))
def arm64Emulation = evaluate(new File(itSupport, 'arm64-emulation.groovy'))
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
def repository = 'cp-image-it/platforms-registry'

// The tag and the extra tag name one manifest list over the two platforms' images.
def index = registryManifest(registry, repository, '1.0')
assert index.mediaType == 'application/vnd.docker.distribution.manifest.list.v2+json'
assert index.digest == report.digest
assert registryManifest(registry, repository, 'latest').digest == report.digest
assert index.json.manifests*.platform*.architecture == ['amd64', 'arm64']
assert index.json.manifests*.platform*.os == ['linux', 'linux']
assert report.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert index.json.manifests*.digest == report.platforms*.digest
assert report.outputs == ["${registry}/${repository}:1.0", "${registry}/${repository}:1.0-linux-amd64",
                          "${registry}/${repository}:1.0-linux-arm64"].collect { it.toString() }

// Each image is its platform's: its own base layer, then the connector layer both share.
def images = index.json.manifests.collect { registryManifest(registry, repository, it.digest) }
images.eachWithIndex { image, i -> assert image.json.manifests == null; assert image.digest == report.platforms[i].digest }
assert images[0].json.layers[0].digest != images[1].json.layers[0].digest
// The top layer, with each platform's own SBOM and file tree, is the platform's; the connector layer
// below it is shared.
assert images[0].json.layers[-2].digest == images[1].json.layers[-2].digest
assert images[0].json.layers[-1].digest != images[1].json.layers[-1].digest
assert registryManifest(registry, repository, '1.0-linux-arm64').digest == report.platforms[1].digest

// The arm64 image runs (under emulation on an amd64 machine) and lists its connector.
if (arm64Emulation()) {
  def image = "${registry}/${repository}:1.0"
  try {
    def run = ['docker', 'run', '--rm', '--platform', 'linux/arm64', image, 'sh', '-c',
               'uname -m; cat /etc/platform-architecture; ls /usr/share/confluent-hub-components/file'].execute()
    def out = new StringBuilder()
    run.waitForProcessOutput(out, System.err)
    assert run.exitValue() == 0
    def lines = out.toString().readLines()
    assert lines[0] == 'aarch64'
    assert lines[1] == 'arm64'
    assert lines.any { it ==~ /connect-file-.*\.jar/ } : out
  } finally {
    ['docker', 'rmi', '-f', image].execute().waitFor()
  }
}
true
