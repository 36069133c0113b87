// Bad input: the build failed naming each jar and plugin class with the fix, and wrote nothing.
def log = new File(basedir, 'build.log').text
assert log.contains('the connectors would not load as declared (4 problems):')
assert log.contains('<connectors><connector name="file">: kafka-clients-3.9.1.jar holds classes the Connect worker provides (org.apache.kafka.')
assert log.contains("Kafka's plugin isolation loads org.apache.kafka.* and org.slf4j.* from the worker's class path, so this copy is never used")
assert log.contains('<connectors><connector name="file">: slf4j-api-')
assert log.contains("<connectors>: the plugin class org.apache.kafka.connect.file.FileStreamSourceConnector is in connector 'file' and in connector 'file-again'.")
assert log.contains('Fix them, or set <strictPlugins>false</strictPlugins> to build with warnings.')
def target = new File(basedir, 'target')
def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
assert written.isEmpty() : "files written despite the failure: $written"
assert !new File(basedir, 'target/cp-image/report.json').exists()
true
