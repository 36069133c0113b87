import groovy.json.JsonSlurper

def report = new JsonSlurper().parse(new File(basedir, 'target/cp-image/report.json'))
assert report.baseImage == "${registry}/cp-image-it/registry-base-source:1"
assert report.layers*.name == ['connector:file', 'sbom-and-file-tree']
def image = 'registry-base:1.0'
def load = ['docker', 'load', '-i', new File(basedir, 'target/image.tar').path].execute()
load.waitForProcessOutput(System.out, System.err)
assert load.exitValue() == 0
try {
  def stat = ['docker', 'run', '--rm', image, 'stat', '-c', '%u:%g %a',
              '/usr/share/confluent-hub-components'].execute()
  def out = new StringBuilder()
  stat.waitForProcessOutput(out, System.err)
  assert out.toString().trim() == '1000:0 775'
  true
} finally {
  ['docker', 'rmi', '-f', image, 'cp-image-it/base:1'].execute().waitFor()
}
