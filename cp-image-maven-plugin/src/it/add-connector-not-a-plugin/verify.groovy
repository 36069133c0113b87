def log = new File(basedir, 'build.log').text
assert log.contains('-Dartifact=org.slf4j:slf4j-api:')
assert log.contains('holds no Kafka Connect plugin class')
assert log.contains('The pom was not changed.')
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
