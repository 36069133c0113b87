// Bad input: a URL without checksum is refused before any network access, with the fix, and
// nothing is written: no image tar, no report, nothing in the download cache.
def log = new File(basedir, 'build.log').text
assert log.contains('<connectors><connector name="unverified">')
assert log.contains('has no checksum, so a changed or tampered file would go unnoticed')
assert log.contains('Add <sha256>...</sha256> (or <sha512>)')
def target = new File(basedir, 'target')
def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
assert written.isEmpty() : "files written despite the failure: $written"
assert !new File(basedir, 'target/cp-image/report.json').exists()
def cache = new File(basedir, 'target/downloads')
def cached = cache.exists() ? cache.listFiles()*.name : []
assert cached.isEmpty() : "files in the download cache despite the failure: $cached"
true
