// Bad input: the build failed naming each <environment> entry, the pom and the fix; only the
// catalogue's base (target/base-with-catalogue) was written.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
def pom = new File(basedir, 'pom.xml').path
failedBuild(basedir, [
  "<environment> in $pom sets Kafka settings that the base's Kafka 4.4.0 would ignore or refuse (3 problems):".toString(),
  '`KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which Kafka 4.4.0 does not know: did you mean `advertised.listeners`?',
  '`KAFKA_NUM_PARTITIONS=three` sets `num.partitions`, which takes an INT (a whole number) in Kafka 4.4.0',
  "`CONNECT_PRODUCER_COMPRESION_TYPE` maps to `producer.compresion.type`, which Kafka 4.4.0's producer client does not know: did you mean `producer.compression.type`?",
  'Fix the entries; allow a plugin\'s settings with <allowedSettingPrefixes>; or set <strictSettings>false</strictSettings> to build with warnings.',
])
def log = new File(basedir, 'build.log').text
assert !log.contains('KAFKA_HEAP_OPTS`') : 'a helper variable was checked as a setting'
assert !log.contains('KAFKA_ACME_AUDIT_TOPIC`') : 'an allowed prefix was checked'
true
