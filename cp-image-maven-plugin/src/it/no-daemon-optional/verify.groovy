// No daemon, <daemonOptional>true</daemonOptional>: a warning, and the tar named as the target.
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] No Docker daemon answers: docker://cp-image-it/no-daemon-optional:1 is not loaded; only <outputTar> is written')
def tar = new File(basedir, 'target/image.tar')
assert tar.isFile()
def manifest = ['tar', 'xOf', tar.path, 'manifest.json'].execute().text
assert manifest.contains('"cp-image-it/no-daemon-optional:1"')
assert log.contains('Built image docker://cp-image-it/no-daemon-optional:1 with digest sha256:')
true
