try {
  def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8')
      .replace('@project.version@', pluginVersion)
      .replace('@url@', context.url)
      .replace('@sha256@', context.sha256)
  assert new File(basedir, 'pom.xml').getText('UTF-8') == expected

  def log = new File(basedir, 'build.log').text
  def warning = "[WARNING] No -Dsha256 or -Dsha512 given: the file downloaded from ${context.url} is trusted on first use; its SHA-256 is written to the pom."
  // Only the run that wrote the checksum warns.
  assert log.count(warning) == 1
  assert log.contains("Connector 'connect-file' is already declared in")
  return true
} finally {
  context.server.stop(0)
}
