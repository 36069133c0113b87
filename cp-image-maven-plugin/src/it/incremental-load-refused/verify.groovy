def sh = evaluate(new File(itSupport, 'sh.groovy'))
def image = 'cp-image-it/incremental-load-refused:1'
try {
  def log = new File(basedir, 'build.log').text
  // The stand-in engine saw the load without the base's layer (built on where the daemon holds it),
  // refused it; the build went on from the saved base and the engine got the whole image. The
  // second build remembered the refusal: it sent the whole image at once.
  assert new File(basedir, 'target/loads.txt').readLines() == ['refused', 'loaded', 'loaded']
  def first = log.substring(0, log.indexOf(':build (again)'))
  assert first.contains('held by the Docker daemon') : first
  assert first.contains('The engine refused the image without the layers it holds (Error response from daemon: layer') : first
  assert first.contains('building again on the saved base') : first
  def whole = /Loaded the whole image \(the engine refused one without the layers it holds before\): sent 3 layers \([0-9.]+ [kM]B\), skipped 0 layers \(0 B\) the engine holds/
  assert first =~ whole
  assert first =~ /extra-directories +[0-9.]+ [kM]?B +new/
  def again = log.substring(log.indexOf(':build (again)'))
  assert !again.contains('held by the Docker daemon') : again
  assert again =~ whole
  assert new File(basedir, 'target/cp-image/daemon-refuses-held-layers.txt').text.contains('`mvn clean` forgets this')
  assert sh("docker run --rm --entrypoint cat ${image} /opt/hello.txt") == 'hello from a new layer'
  assert sh("docker run --rm --entrypoint cat cp-image-it/incremental-load-refused:2 /opt/hello.txt") == 'hello from a new layer'
  return true
} finally {
  sh("docker rmi -f ${image} cp-image-it/incremental-load-refused:2 cp-image-it/incremental-load-refused-base:1")
}
