def image = 'cp-image-it/smoke-kafka-image:1'
def log = evaluate(new File(itSupport, 'smoke-log.groovy'))(basedir, image)
assert log.contains("smoke test of ${image} (COMPONENT=kafka, user appuser)")
assert log.contains('(a) the broker is ready')
assert log.contains('(c) runs as appuser (uid ')
assert log.contains("cp-image:verify-ready: smoke test of ${image} passed")
// Only the image under test ran: no second broker.
assert log.contains("started ${image} as kafka")
assert !log.contains('started cp-image/cp-kafka:')
return true
