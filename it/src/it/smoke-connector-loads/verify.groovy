def log = new File(basedir, 'build.log').text
assert log.contains('smoke test of cp-image-it/smoke-connector-loads:1 (COMPONENT=kafka-connect, user appuser)')
assert log.contains("(a) readiness: Kafka Connect's REST API (GET /): ready after")
assert log.contains('(b) the worker lists [io.debezium.connector.jdbc.JdbcSinkConnector]')
assert log.contains('(c) runs as appuser (uid ')
assert log.contains('cp-image:verify-ready: smoke test of cp-image-it/smoke-connector-loads:1 passed')
// Every container was stopped and removed.
// Testcontainers' shutdown hook found every class it needed (it runs after the plugin's realm closed).
assert !log.contains('Exception in thread')
def left = ['docker', 'ps', '-aq', '--filter', 'ancestor=cp-image-it/smoke-connector-loads:1'].execute().text.trim()
assert left.isEmpty() : "containers left: ${left}"
return true
