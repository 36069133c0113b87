// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('<connectors><connector name="tampered">')
assert log.contains('checksum mismatch')
assert log.contains('check the source, or if you trust this file, set <sha256>')
def target = new File(basedir, 'target')
def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
assert written.isEmpty() : "files written despite the failure: $written"
assert !new File(basedir, 'target/cp-image/report.json').exists()
true
