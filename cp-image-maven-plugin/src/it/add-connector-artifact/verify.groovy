// The pom after both runs, compared as text with the expected file.
def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8')
    .replace('@project.version@', pluginVersion)
    .replace('@kafka.version@', kafkaVersion)
assert new File(basedir, 'pom.xml').getText('UTF-8') == expected

def log = new File(basedir, 'build.log').text
assert log.contains('holds Connect plugins: [org.apache.kafka.connect.file.FileStreamSinkConnector, org.apache.kafka.connect.file.FileStreamSourceConnector]')
assert log.contains("Connector 'file-connectors' is already declared in")
assert log.contains('nothing changed.')
return true
