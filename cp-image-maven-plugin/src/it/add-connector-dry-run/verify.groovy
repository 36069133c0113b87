def log = new File(basedir, 'build.log').text
assert log.contains('Dry run (-DdryRun): the pom was not changed.')
assert log.contains('--- a/pom.xml')
assert log.contains('+++ b/pom.xml')
assert log.contains('@@ -5,4 +5,21 @@')
assert log.contains('+  <build>')
assert log.contains("+        <version>${pluginVersion}</version>")
assert log.contains("+              <artifact>org.apache.kafka:connect-file:${kafkaVersion}</artifact>")
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
