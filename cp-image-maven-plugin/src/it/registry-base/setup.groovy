// Publishes the IT base to the local registry under a name only this IT uses.
def run = { List<String> command ->
  def process = command.execute()
  process.waitForProcessOutput(System.out, System.err)
  assert process.exitValue() == 0 : command.join(' ')
}
def image = "${registry}/cp-image-it/registry-base-source:1"
run(['docker', 'load', '-i', "${itBase}/base.tar"])
run(['docker', 'tag', 'cp-image-it/base:1', image])
run(['docker', 'push', image])
run(['docker', 'rmi', image])
true
