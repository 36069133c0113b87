def log = new File(basedir, 'build.log').text
assert log.contains("Volume path 'var/log/kafka' is not absolute")
assert log.contains('The pom was not changed.')
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
