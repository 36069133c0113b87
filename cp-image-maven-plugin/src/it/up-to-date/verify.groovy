import groovy.json.JsonSlurper

def sh = evaluate(new File(itSupport, 'sh.groovy'))
def image = 'cp-image-it/up-to-date'
try {
  def log = new File(basedir, 'build.log').text
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  // Four Maven runs: built; nothing changed; an input changed; the image removed from the daemon.
  def upToDate = (log =~ /Image docker:\/\/cp-image-it\/up-to-date:1 is up to date \(sha256:[0-9a-f]{64}\): no input changed/).size()
  def loads = (log =~ /Loading docker:\/\/cp-image-it\/up-to-date:1 into Docker/).size()
  assert upToDate == 1 : "expected one up-to-date build:\n${log}"
  assert loads == 3 : "expected three loads:\n${log}"
  // The second run came before any load of the third: it wrote nothing and loaded nothing.
  def second = log.indexOf('is up to date')
  assert log.substring(0, second).count('Loading docker://') == 1
  assert log.contains('cp-image:clean: removed')
  // The last build's image is in the daemon under both names, with the changed input.
  assert sh("docker image inspect --format '{{.Id}}' ${image}:1") == report.imageId
  assert sh("docker image inspect --format '{{.Id}}' ${image}:latest") == report.imageId
  assert sh("docker image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' ${image}:1").contains('GREETING=changed')
  return true
} finally {
  sh("docker rmi -f ${image}:1 ${image}:latest")
}
