import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
def unpacked = new File(basedir, 'target/unpacked')
unpacked.mkdirs()
def untar = ['tar', '-xf', new File(basedir, 'target/image.tar').path, '-C', unpacked.path].execute()
untar.waitForProcessOutput(System.out, System.err)
assert untar.exitValue() == 0
def entries = [:]
unpacked.eachFileRecurse(groovy.io.FileType.FILES) { file ->
  entries[unpacked.toPath().relativize(file.toPath()).toString()] = file.bytes
}
def json = { String digest -> new JsonSlurper().parse(entries['blobs/' + digest.replace(':', '/')]) }
assert new JsonSlurper().parse(entries['oci-layout']).imageLayoutVersion == '1.0.0'
def top = new JsonSlurper().parse(entries['index.json'])
assert top.manifests.size() == 1
assert top.manifests[0].mediaType == 'application/vnd.oci.image.index.v1+json'
assert top.manifests[0].digest == report.digest
assert top.manifests[0].annotations['io.containerd.image.name'] == 'platforms-tar:1.0'
def index = json(report.digest)
assert index.manifests*.platform*.architecture == ['amd64', 'arm64']
assert index.manifests*.digest == report.platforms*.digest
def manifests = index.manifests.collect { json(it.digest) }
assert manifests.collect { json(it.config.digest).architecture } == ['amd64', 'arm64']
// Every blob is there once; the connector layer is one blob both images name.
manifests.each { m -> m.layers.each { assert entries.containsKey('blobs/' + it.digest.replace(':', '/')) } }
// (The top layer holds each platform's own SBOM and file tree; below it is the connector layer.)
assert manifests[0].layers[-2].digest == manifests[1].layers[-2].digest
assert manifests[0].layers[-1].digest != manifests[1].layers[-1].digest
assert manifests[0].layers[0].digest != manifests[1].layers[0].digest
def log = new File(basedir, 'build.log').text
assert log.contains("an OCI image layout of 2 platforms, which `docker load` cannot read with Docker's classic image store")
assert log.contains('-Dcp-image.platforms=linux/<arch>')

// push-platforms put the same index and images in the registry: jib wrote the manifests, and
// jib's mapper writes them again byte for byte.
def registryManifest = evaluate(new File(itSupport, 'registry-manifest.groovy'))
def pushed = registryManifest(registry, 'cp-image-it/platforms-tar', '1.0')
assert pushed.mediaType == 'application/vnd.oci.image.index.v1+json'
assert pushed.json.manifests*.digest == report.platforms*.digest
assert pushed.json.manifests*.platform*.architecture == ['amd64', 'arm64']
assert pushed.json.manifests[1].platform.variant == 'v8'
report.platforms*.digest.each { assert registryManifest(registry, 'cp-image-it/platforms-tar', it).digest == it }
assert log.contains("Pushed image index ${registry}/cp-image-it/platforms-tar:1.0 with digest ${pushed.digest}")
true
