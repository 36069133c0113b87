// Publishes the IT base to the local registry under a name only this IT uses, and keeps it in the
// daemon under its ID, as a daemon that pulled the base has it.
def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
def run = { List<String> command ->
  def process = command.execute()
  process.waitForProcessOutput(System.out, System.err)
  assert process.exitValue() == 0 : command.join(' ')
}
def held = 'cp-image-it/up-to-date-registry-base:1'
def image = "${registry}/${held}"
loadItBase(itBase, held)
run(['docker', 'tag', held, image])
run(['docker', 'push', image])
run(['docker', 'rmi', image])
true
