try {
  def log = new File(basedir, 'build.log').text
  assert log =~ /\[INFO\] ready: Schema Registry at http:\/\/127\.0\.0\.1:${context.registryPort}\/config \(\d+\.\d s\)/
  assert log.contains("NOT READY: Kafka Connect at http://127.0.0.1:${context.deadPort}/ after ")
  assert log.contains('cp-image:verify-ready: 1 of 2 services not ready within 3 s:')
  assert log.contains("Kafka Connect at http://127.0.0.1:${context.deadPort}/: 127.0.0.1 cannot be reached on port ${context.deadPort}.")
  return true
} finally {
  context.server.stop(0)
}
