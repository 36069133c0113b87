def sh(String command) {
  def process = ['bash', '-c', command].execute()
  def out = process.text
  process.waitFor()
  return out.trim()
}
def image = 'cp-image-it/incremental-load-refused:1'
try {
  def log = new File(basedir, 'build.log').text
  // The stand-in engine saw the load without the base's layer, refused it, then got the whole image.
  assert new File(basedir, 'target/loads.txt').readLines() == ['refused', 'loaded']
  assert log.contains('The engine refused the image without the layers it holds (Error response from daemon: layer')
  assert log =~ /Loaded the whole image: sent 3 layers \([0-9.]+ [kM]B\), skipped 0 layers \(0 B\) the engine holds/
  assert log =~ /extra-directories +[0-9.]+ [kM]?B +new/
  assert sh("docker run --rm --entrypoint cat ${image} /opt/hello.txt") == 'hello from a new layer'
  return true
} finally {
  sh("docker rmi -f ${image} cp-image-it/incremental-load-refused-base:1")
}
