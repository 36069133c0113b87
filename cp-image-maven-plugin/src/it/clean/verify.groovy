def sh = evaluate(new File(itSupport, 'sh.groovy'))
try {
  def log = new File(basedir, 'build.log').text
  def id = context.container.take(12)
  assert log.contains("would remove container ${id} cp-image-it-clean")
  assert log =~ /would remove image [0-9a-f]{12} cp-image-it\/clean:(1\.0, cp-image-it\/clean:latest|latest, cp-image-it\/clean:1\.0)/
  assert log.contains("removing container ${id} cp-image-it-clean")
  assert log.contains('cp-image:clean: removed 1 containers and 1 images')
  assert !log.contains('clean-other')
  assert sh("docker images -q cp-image-it/clean") == ''
  assert sh("docker ps -aq --filter name=cp-image-it-clean") == ''
  assert sh("docker images -q cp-image-it/clean-other:1.0") != ''
  assert log =~ /cp-image:clean: leaving [1-9][0-9]* export container\(s\) created in the last 10 minutes: a build may be reading them/
  assert !log.contains(context.export.take(12))
  assert sh("docker ps -aq --filter name=cp-image-it-export") != ''
  return true
} finally {
  sh("docker rm -f -v cp-image-it-clean cp-image-it-export; docker rmi -f cp-image-it/clean:1.0 cp-image-it/clean:latest cp-image-it/clean-other:1.0")
}
