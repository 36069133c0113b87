// What a pom-editing goal that must leave the pom alone (refused, or a dry run) is checked for: its
// log says each expected message, and the pom is byte for byte what setup saved as pom.xml.before.
// Returns a closure: pomUnchanged(basedir, messages).
return { File basedir, List<String> messages ->
  def log = new File(basedir, 'build.log').text
  messages.each { assert log.contains(it) : "build.log does not say: $it" }
  assert new File(basedir, 'pom.xml').bytes == new File(basedir, 'pom.xml.before').bytes
  true
}
