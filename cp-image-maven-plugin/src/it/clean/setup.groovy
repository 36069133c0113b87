// Makes, in the local Docker engine, an image labelled as built by this project (two tags), a test
// container of it, and an image of another project that clean must not touch, with a container
// made as a build makes one to export a base (label io.cpimage.export=true, never started): just
// created, a build may be reading it, so clean leaves it.
def sh(String command) {
  def process = ['bash', '-c', command].execute()
  def out = process.text
  assert process.waitFor() == 0: "${command} failed: ${process.err.text}"
  return out.trim()
}
def dir = new File(basedir, 'rootfs')
dir.mkdirs()
new File(dir, 'hello').text = 'hello\n'
sh("tar -C '${dir}' -c . | docker import --change 'LABEL io.cpimage.project=io.cpimage.it:clean' - cp-image-it/clean:1.0")
sh("docker tag cp-image-it/clean:1.0 cp-image-it/clean:latest")
sh("tar -C '${dir}' -c . | docker import --change 'LABEL io.cpimage.project=io.cpimage.it:other' - cp-image-it/clean-other:1.0")
context.container = sh("docker create --label io.cpimage.testing=true --name cp-image-it-clean cp-image-it/clean:1.0 /hello")
context.export = sh("docker create --label io.cpimage.export=true --entrypoint /cp-image-export --name cp-image-it-export cp-image-it/clean-other:1.0")
return true
