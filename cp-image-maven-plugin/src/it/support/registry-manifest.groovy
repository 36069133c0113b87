// Reads a manifest or image index from the ITs' plain-HTTP registry: its JSON and its digest.
// Returns a closure: registryManifest(registry, repository, reference) -> [json: ..., digest: ...].
import groovy.json.JsonSlurper

return { String registry, String repository, String reference ->
  def connection = new URL("http://$registry/v2/$repository/manifests/$reference").openConnection()
  connection.setRequestProperty('Accept', [
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.docker.distribution.manifest.v2+json',
      'application/vnd.oci.image.manifest.v1+json'].join(', '))
  def body = connection.inputStream.bytes
  [json: new JsonSlurper().parse(body), digest: connection.getHeaderField('Docker-Content-Digest'),
   mediaType: connection.getHeaderField('Content-Type')]
}
