import groovy.json.JsonSlurper

def arm64Emulation = evaluate(new File(itSupport, 'arm64-emulation.groovy'))
def inspect = { String image, String format ->
  def process = ['docker', 'image', 'inspect', '--format', format, image].execute()
  def out = new StringBuilder()
  process.waitForProcessOutput(out, System.err)
  assert process.exitValue() == 0
  out.toString().trim()
}
def daemon = ['docker', 'version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'].execute().text.trim()
def nativeImage = 'cp-image-it/platforms-daemon:1.0'
def arm = 'cp-image-it/platforms-daemon:1.0-arm64'
try {
  def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
  assert report.platforms*.platform == [daemon]
  assert inspect(nativeImage, '{{.Os}}/{{.Architecture}}') == daemon
  assert new File(basedir, 'build.log').text.contains("The Docker daemon runs ${daemon}: loading that platform's image only")

  def armReport = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report-arm64.json'))
  assert armReport.platforms*.platform == ['linux/arm64']
  assert inspect(arm, '{{.Architecture}}') == 'arm64'
  assert inspect(arm, '{{.Id}}') == armReport.imageId
  if (arm64Emulation()) {
    def run = ['docker', 'run', '--rm', '--platform', 'linux/arm64', arm, 'sh', '-c',
               'uname -m; ls /usr/share/confluent-hub-components/file'].execute()
    def out = new StringBuilder()
    run.waitForProcessOutput(out, System.err)
    assert run.exitValue() == 0
    assert out.toString().readLines()[0] == 'aarch64'
    assert out.toString().readLines().any { it ==~ /connect-file-.*\.jar/ } : out
  }
} finally {
  ['docker', 'rmi', '-f', nativeImage, arm].execute().waitFor()
}
true
