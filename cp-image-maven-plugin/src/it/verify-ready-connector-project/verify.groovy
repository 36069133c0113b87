try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('No build report as new as the pom')
  assert log.contains('Connector verify-ready-connector-project: it.connector.HelloSourceConnector')
  assert log.contains('the worker does not list the plugin classes [it.connector.HelloSourceConnector]')
  assert !new File(basedir, 'target/image.tar').exists()
  return true
} finally {
  context.server.stop(0)
}
