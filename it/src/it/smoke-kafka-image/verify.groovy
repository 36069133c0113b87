def log = new File(basedir, 'build.log').text
assert log.contains('smoke test of cp-image-it/smoke-kafka-image:1 (COMPONENT=kafka, user appuser)')
assert log.contains('(a) the broker is ready')
assert log.contains('(c) runs as appuser (uid ')
assert log.contains('cp-image:verify-ready: smoke test of cp-image-it/smoke-kafka-image:1 passed')
// Only the image under test ran: no second broker.
assert log.contains('started cp-image-it/smoke-kafka-image:1 as kafka')
assert !log.contains('started cp-image/cp-kafka:')
// No thread died (Testcontainers' shutdown hook once did, after the plugin's realm closed).
assert !log.contains('Exception in thread')
def left = ['docker', 'ps', '-aq', '--filter', 'ancestor=cp-image-it/smoke-kafka-image:1'].execute().text.trim()
assert left.isEmpty() : "containers left: ${left}"
return true
