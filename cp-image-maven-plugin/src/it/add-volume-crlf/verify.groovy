// Compared as bytes: every line break, old and new, is CRLF.
def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8').replace('@project.version@', pluginVersion)
def actual = new File(basedir, 'pom.xml').getText('UTF-8')
assert actual == expected
assert !(actual =~ /[^\r]\n/)
assert new File(basedir, 'build.log').text.contains('Added volume /var/log/kafka-auth-logs to ')
return true
