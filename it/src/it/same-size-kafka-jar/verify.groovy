// With the launch's default remote JMX options (its export_jmx_opts), which the caches were trained
// with: without them JDK 25 itself would refuse the cache, whatever the jar.
def start = '. /etc/confluent/docker/functions && export_jmx_opts && exec kafka-server-start /etc/kafka/kafka.properties'

[kafkaVersion, kafka3Version].each { version ->
  def image = "cp-image-it/same-size-kafka-jar:${version}"
  def jar = "/usr/share/java/kafka/kafka_2.13-${version}.jar"
  def run = ['docker', 'run', '--rm', image, 'bash', '-c', start].execute()
  def output = new StringBuilder()
  run.consumeProcessOutput(output, output)
  assert run.waitFor() == 0 : "${image}: ${output}"

  // The probe, not the cached kafka.Kafka of the base's jar, ran: with the base's time on the new
  // jar, the JVM takes the cache and runs the old class, which then fails to find the rest of Kafka.
  assert output.contains('probe: the replacement class runs') : "${image}: ${output}"
  // The launch said why it dropped the cache: the jar's size is the same, its time is not.
  def reason = output.readLines().find { it.contains('start-up cache') }
  def quoted = java.util.regex.Pattern.quote(jar)
  // The 4.4 line's JDK 25 keeps an AOT cache, the 3.9 line's JDK 17 an AppCDS archive.
  def cache = version == kafkaVersion ? 'aot' : 'jsa'
  def matcher = reason =~ ("kafka-server: start-up cache /usr/lib/cp-image/aot/kafka-server\\.${cache} not used: "
      + "the JVM or the class path changed since the image was built "
      + "\\(trained with '${quoted} (\\d+) (\\d+) regular file', now '${quoted} (\\d+) (\\d+) regular file'\\)")
  assert matcher.matches() : "${image}: ${output}"
  assert matcher.group(1) == matcher.group(3) : "the sizes differ: ${reason}"
  assert matcher.group(2) != matcher.group(4) : reason
}
return true
