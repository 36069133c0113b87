try {
  def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8')
      .replace('@project.version@', pluginVersion)
      .replace('@url@', context.url)
      .replace('@sha256@', context.sha256)
  assert new File(basedir, 'pom.xml').getText('UTF-8') == expected

  def log = new File(basedir, 'build.log').text
  assert log.contains("[WARNING] No -Dsha256 or -Dsha512 given: the file downloaded from ${context.url} is trusted on first use, and its SHA-256 ${context.sha256} is written to the pom.")
  assert log.contains("Connector 'connect-file' is already declared in")
  return true
} finally {
  context.server.stop(0)
}
