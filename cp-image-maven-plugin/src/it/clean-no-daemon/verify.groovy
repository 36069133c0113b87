// Bad input: no daemon is a failure naming the step, the docker command and the fix, never a
// silent "no images".
def log = new File(basedir, 'build.log').text
assert log.contains('cp-image:clean: listing the test containers of io.cpimage.it:clean-no-daemon: `docker ps --all')
assert log.contains('failed: ')
assert log.contains('check that a Docker engine runs (docker info)')
assert !log.contains('no images of io.cpimage.it:clean-no-daemon')
true
