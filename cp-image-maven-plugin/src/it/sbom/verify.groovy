// The SBOM beside report.json is the one in the image, names the connector and the library by
// their Maven coordinates with the checksums of the files Maven resolved, and is CycloneDX 1.6.
import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.GZIPInputStream
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream

def sha256 = { File file -> MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString() }
def hashOf = { component, alg -> component.hashes.find { it.alg == alg }?.content }

def beside = new File(basedir, 'target/cp-image/sbom.cdx.json')
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert new File(report.sbom).canonicalPath == beside.canonicalPath
def sbom = new JsonSlurper().parse(beside)
assert sbom.bomFormat == 'CycloneDX' && sbom.specVersion == '1.6'
assert sbom.metadata.timestamp == null : 'a timestamp would change the SBOM layer of an unchanged build'

def repo = localRepositoryPath as File
def connectFile = new File(repo, 'org/apache/kafka/connect-file/3.9.1/connect-file-3.9.1.jar')
def connector = sbom.components.find { it.purl == 'pkg:maven/org.apache.kafka/connect-file@3.9.1' }
assert connector : sbom.components*.purl
assert hashOf(connector, 'SHA-256') == sha256(connectFile)
assert hashOf(connector, 'SHA-512')
assert connector.properties.find { it.name == 'cp-image:path' }.value == '/usr/share/confluent-hub-components/file'
assert connector.components*.name == ['connect-file']
assert hashOf(connector.components[0], 'SHA-256') == sha256(connectFile)

def jacksonCore = new File(repo, 'com/fasterxml/jackson/core/jackson-core/2.20.1/jackson-core-2.20.1.jar')
def library = sbom.components.find { it.purl == 'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.20.1' }
assert library : sbom.components*.purl
assert hashOf(library, 'SHA-256') == sha256(jacksonCore)
assert sbom.components.find { it.type == 'container' }.version == report.baseImageId
def belt = sbom.components.find { it.group == 'io.cpimage' && it.name == 'utility-belt' }
assert belt.properties.find { it.name == 'cp-image:path' }.value == '/usr/share/java/cp-image-utility-belt/utility-belt.jar'
// The jar of the belt's own classes, which the launchers run the checks from, is a part of it.
assert belt.components*.name == ['utility-belt-checks.jar']
assert belt.components[0].properties.find { it.name == 'cp-image:path' }.value == '/usr/share/java/cp-image-utility-belt/utility-belt-checks.jar'
assert hashOf(belt.components[0], 'SHA-256') ==~ /[0-9a-f]{64}/ && hashOf(belt.components[0], 'SHA-256') != hashOf(belt, 'SHA-256')

// In the image: the same bytes at the documented path, named by a label.
def image = new File(basedir, 'target/image.tar')
def entries = [:]
new TarArchiveInputStream(image.newInputStream()).withCloseable { tar ->
  for (def e = tar.nextEntry; e != null; e = tar.nextEntry) { entries[e.name] = tar.readAllBytes() }
}
def manifest = new JsonSlurper().parse(entries['manifest.json'])[0]
assert new JsonSlurper().parse(entries[manifest.Config]).config.Labels['io.cpimage.sbom'] == '/usr/share/cp-image/sbom.cdx.json'
def inImage = manifest.Layers.collect { layer ->
  def bytes = entries[layer]
  def input = new ByteArrayInputStream(bytes)
  def tar = new TarArchiveInputStream(bytes[0] == (byte) 0x1f ? new GZIPInputStream(input) : input)
  def found = null
  for (def e = tar.nextEntry; e != null; e = tar.nextEntry) {
    if (e.name.replaceFirst('^\\./', '') == 'usr/share/cp-image/sbom.cdx.json') { found = tar.readAllBytes() }
  }
  found
}.findAll { it != null }
assert inImage.size() == 1
assert inImage[0] == beside.bytes
def log = new File(basedir, 'build.log').text
assert log.contains('SBOM: ') && log.contains('in the image at /usr/share/cp-image/sbom.cdx.json')
true
