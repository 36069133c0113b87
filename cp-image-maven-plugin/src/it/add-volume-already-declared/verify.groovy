def log = new File(basedir, 'build.log').text
assert log.contains('Volume /var/log/kafka-auth-logs is already declared in')
assert log.contains('pom.xml at line 16.')
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
