// Bad input: it failed at once, naming the connector it could not check and the fix.
def log = new File(basedir, 'build.log').text
assert log.contains('cp-image:verify-ready: -Dcp-image.connect: cannot check that the worker lists the connectors this pom declares: <connectors><connector name="missing"><artifact> \'io.cpimage.it:no-such-connector:1.0\' cannot be resolved')
assert log.contains('Run `mvn package` first (cp-image:build writes the report that lists them)')
assert !log.contains('NOT READY')
true
