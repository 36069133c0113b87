def sh = evaluate(new File(itSupport, 'sh.groovy'))
def image = 'cp-image-it/incremental-load-removed:1'
try {
  def log = new File(basedir, 'build.log').text
  def baseLayers = sh("docker image inspect --format '{{len .RootFS.Layers}}' cp-image-it/incremental-load-removed-base:1") as int
  // The first build loaded its two layers; the second found its image removed at its load: the
  // load without that image's layers was refused, the one without the base's went through.
  assert new File(basedir, 'target/loads.txt').readLines() == ['loaded', 'refused', 'loaded']
  def again = log.substring(log.indexOf(':build (again)'))
  assert again.contains('The engine refused the image without the layers it held when this build began') : again
  assert again.contains('an image with them was removed meanwhile; sending the layers it lacks now') : again
  assert again =~ /Loaded only the layers the engine lacks: sent 2 layers \([0-9.]+ [kM]?B\), skipped ${baseLayers} layers?/
  // Not taken for a store that does not skip held layers: later builds still send only what lacks.
  assert !new File(basedir, 'target/cp-image/daemon-refuses-held-layers.txt').exists()
  assert !again.contains('does not skip held layers') : again
  assert sh("docker run --rm --entrypoint cat ${image} /opt/hello.txt") == 'hello from a new layer'
  return true
} finally {
  sh("docker rmi -f ${image} cp-image-it/incremental-load-removed-base:1")
}
