// Bad input: a URL without checksum is refused before any network access, with the fix, and
// nothing is written: no image tar, no report, nothing in the download cache.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<connectors><connector name="unverified">',
    'has no checksum, so a changed or tampered file would go unnoticed',
    'Add <sha256>...</sha256> (or <sha512>)'])
// (base-images holds what reading the valid base gave, keyed by its ID, file-hashes the base tar's
// SHA-256 by its path, size and time, sha512-by-sha256 the digests of files the build had
// already read, keyed by their content, and utility-belt the belt's files from the plugin jar:
// caches, not downloads.)
def cache = new File(basedir, 'target/downloads')
def caches = ['base-images', 'file-hashes', 'sha512-by-sha256', 'utility-belt']
def cached = cache.exists() ? cache.listFiles()*.name - caches : []
assert cached.isEmpty() : "files in the download cache despite the failure: $cached"
true
