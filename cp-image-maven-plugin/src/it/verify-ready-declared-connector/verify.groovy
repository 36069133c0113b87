try {
  def log = new File(basedir, 'build.log').text
  assert log.contains('No build report as new as the pom')
  // The connector has no <name>: it is named after its artifactId, and the log says so.
  assert log.contains('Connector connect-file (name from org.apache.kafka:connect-file:3.9.1)')
  assert log.contains('Connector connect-file: org.apache.kafka.connect.file.FileStreamSinkConnector, org.apache.kafka.connect.file.FileStreamSourceConnector')
  assert log.contains('the worker does not list the plugin classes [org.apache.kafka.connect.file.FileStreamSinkConnector]')
  assert log.contains('cp-image:verify-ready: 1 of 2 services not ready within 3 s:')
  // Nothing was built: only the scratch copy the scan read.
  assert !new File(basedir, 'target/image.tar').exists()
  assert !new File(basedir, 'target/cp-image/report.json').exists()
  return true
} finally {
  context.server.stop(0)
}
