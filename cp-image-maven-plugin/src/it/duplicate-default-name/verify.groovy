// Bad input: the build failed with a message naming the name, why both have it, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('Connector connect-file (name from org.apache.kafka:connect-file:3.9.1)')
assert log.contains('<connectors>: two connectors are named \'connect-file\'')
assert log.contains('a connector without <name> is named after its artifactId or file name')
def target = new File(basedir, 'target')
def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
assert written.isEmpty() : "files written despite the failure: $written"
assert !new File(basedir, 'target/cp-image/report.json').exists()
true
