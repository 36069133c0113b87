import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('Connector connect-file (name from org.apache.kafka:connect-file:3.9.1)')
def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.connectors*.name == ['connect-file']
assert report.connectors[0].directory == '/usr/share/confluent-hub-components/connect-file'
assert report.layers*.name.contains('connector:connect-file')
true
