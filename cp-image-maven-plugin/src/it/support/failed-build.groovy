// What every bad-input build is checked for: its log says each expected message, and it wrote
// nothing, neither an image tar nor a report. Returns a closure: failedBuild(basedir, messages).
return { File basedir, List<String> messages ->
  def log = new File(basedir, 'build.log').text
  messages.each { assert log.contains(it) : "build.log does not say: $it" }
  def target = new File(basedir, 'target')
  def written = target.exists() ? target.listFiles().findAll { it.name.contains('.tar') }*.name : []
  assert written.isEmpty() : "files written despite the failure: $written"
  assert !new File(basedir, 'target/cp-image/report.json').exists()
  true
}
