def image = 'cp-image-it/smoke-connector-loads:1'
def log = evaluate(new File(itSupport, 'smoke-log.groovy'))(basedir, image)
assert log.contains("smoke test of ${image} (COMPONENT=kafka-connect, user appuser)")
assert log.contains("(a) readiness: Kafka Connect's REST API (GET /): ready after")
// Every plugin class the build found in the archive: the connector, its transforms and converters.
def listed = log.readLines().find { it.contains('(b) the worker lists [') }
assert listed : 'no (b) line'
assert listed.contains('[io.debezium.connector.jdbc.JdbcSinkConnector, ')
assert listed.contains('io.debezium.transforms.ExtractNewRecordState')
assert listed.contains('io.debezium.converters.BinaryDataConverter')
// The default broker is the Kafka 4 line's, of this build.
assert log.contains("started cp-image/cp-kafka:${kafkaVersion}-")
assert log.contains('(c) runs as appuser (uid ')
assert log.contains("cp-image:verify-ready: smoke test of ${image} passed")
return true
