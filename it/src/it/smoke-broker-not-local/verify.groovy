def log = new File(basedir, 'build.log').text
assert log.contains('smoke test of cp-image-it/smoke-broker-not-local:1 (COMPONENT=kafka-connect, user appuser)')
assert log.contains('the image cp-image-it/no-such-broker:1 is not in the local Docker engine; the smoke test never pulls one: build or load it first')
assert !log.contains('started cp-image-it/smoke-broker-not-local:1')
assert !log.contains('Pulling')
def left = ['docker', 'ps', '-aq', '--filter', 'ancestor=cp-image-it/smoke-broker-not-local:1'].execute().text.trim()
assert left.isEmpty() : "containers left: ${left}"
return true
