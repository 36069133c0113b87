def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] -Dartifact=org.apache.kafka:connect-file:${kafkaVersion}: kafka-clients-${kafkaVersion}.jar holds classes the Connect worker provides")
assert log.contains('(a warning: <strictPlugins>false</strictPlugins>)')
def pom = new File(basedir, 'pom.xml').getText('UTF-8')
assert pom.contains("<artifact>org.apache.kafka:connect-file:${kafkaVersion}</artifact>")
assert pom.contains("<artifact>org.apache.kafka:kafka-clients:${kafkaVersion}</artifact>")
true
