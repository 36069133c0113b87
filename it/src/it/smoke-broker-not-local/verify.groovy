def image = 'cp-image-it/smoke-broker-not-local:1'
def log = evaluate(new File(itSupport, 'smoke-log.groovy'))(basedir, image)
assert log.contains("smoke test of ${image} (COMPONENT=kafka-connect, user appuser)")
assert log.contains('the image cp-image-it/no-such-broker:1 is not in the local Docker engine; the smoke test never pulls one: build or load it first')
assert !log.contains("started ${image}")
assert !log.contains('Pulling')
return true
