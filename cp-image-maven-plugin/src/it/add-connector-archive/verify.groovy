def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8').replace('@project.version@', pluginVersion)
assert new File(basedir, 'pom.xml').getText('UTF-8') == expected
def log = new File(basedir, 'build.log').text
assert log.contains('kafka-connect-file-1.0.0.zip holds Connect plugins: [org.apache.kafka.connect.file.FileStreamSinkConnector, org.apache.kafka.connect.file.FileStreamSourceConnector]')
return true
