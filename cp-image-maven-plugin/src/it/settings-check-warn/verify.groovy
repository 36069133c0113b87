// -Dcp-image.strictSettings=false: each finding is a warning naming the <environment> entry and
// the pom, the image is built, and the allowed prefix reaches the image for the boot's check.
// A base without a catalogue gets one info line.
import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def pom = new File(basedir, 'pom.xml').path
assert log.contains("[WARNING] <environment> in $pom: `KAFKA_ADVERTISED_LISTENER` maps to `advertised.listener`, which Kafka 4.4.0 does not know: did you mean `advertised.listeners`? (a warning: <strictSettings>false</strictSettings>)")
assert log.contains("[WARNING] <environment> in $pom: `KAFKA_NUM_PARTITIONS=three` sets `num.partitions`")
assert log.contains('[INFO] Settings check skipped: the base has no /usr/lib/cp-image/settings-catalogue.tsv')
assert log.count('Settings check skipped') == 1
assert new File(basedir, 'target/out.tar').exists()
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.environment.CP_SETTINGS_ALLOWED_PREFIXES == 'acme.'
true
