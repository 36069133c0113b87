// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('<connectors><connector name="evil">')
assert log.contains('would be written outside the directory')
assert log.contains('Nothing was unpacked. Use an archive whose entries all stay inside it')
def target = new File(basedir, 'target')
def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
assert written.isEmpty() : "files written despite the failure: $written"
assert !new File(basedir, 'target/cp-image/report.json').exists()
true
