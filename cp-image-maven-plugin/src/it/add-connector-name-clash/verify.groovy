def log = new File(basedir, 'build.log').text
assert log.contains("A different connector named 'connect-file' is already declared in")
assert log.contains('pom.xml at line 17.')
assert log.contains('-Dname=')
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
