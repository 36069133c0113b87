def log = new File(basedir, 'build.log').text
assert log.contains('Non-parseable POM')
assert log =~ /line 10, column \d+/
assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
return true
