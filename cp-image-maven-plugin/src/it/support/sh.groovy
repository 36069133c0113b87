// Runs a bash command and returns its standard output, trimmed; its exit code is the caller's to
// check through what it printed. Returns a closure: def sh = evaluate(new File(itSupport, 'sh.groovy')).
return { String command ->
  def process = ['bash', '-c', command].execute()
  def out = process.text
  process.waitFor()
  return out.trim()
}
