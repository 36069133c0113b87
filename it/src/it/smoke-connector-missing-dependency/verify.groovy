def image = 'cp-image-it/smoke-connector-missing-dependency:1'
def log = evaluate(new File(itSupport, 'smoke-log.groovy'))(basedir, image)
// The build found the connector class; the worker could not load it.
assert log.contains('(a) readiness: Kafka Connect\'s REST API (GET /): ready after')
assert log.contains('(b) connectors: GET /connector-plugins?connectorsOnly=false failed')
assert log.contains('it.smoke.connector.BrokenSourceConnector')
// The worker's own log lines that say why, then its last lines.
assert log.contains("The worker's log about these classes:")
// (The image loads plugins by their ServiceLoader manifests: the worker names the class in the
// ServiceConfigurationError of its trace.)
assert log.contains('Failed to discover SourceConnector in /usr/share/confluent-hub-components/broken')
assert log.contains('Provider it.smoke.connector.BrokenSourceConnector could not be instantiated')
assert log.contains('Caused by: java.lang.NoClassDefFoundError: it/smoke/dependency/Helper')
assert log.contains("Last 50 log lines of ${image}")
assert !log.contains("smoke test of ${image} passed")
return true
