// What every smoke project's verify.groovy checks besides its own lines: no thread died
// (Testcontainers' shutdown hook once did, after the plugin's realm closed) and the smoke test
// left no container of the image. Returns a closure: smokeLog(basedir, image), the build's log.
return { File basedir, String image ->
  def log = new File(basedir, 'build.log').text
  assert !log.contains('Exception in thread')
  def left = ['docker', 'ps', '-aq', '--filter', "ancestor=${image}"].execute().text.trim()
  assert left.isEmpty() : "containers left: ${left}"
  log
}
