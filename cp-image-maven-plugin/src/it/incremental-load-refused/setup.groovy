def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
loadItBase(itBase, 'cp-image-it/incremental-load-refused-base:1')
// The invoker's copy of the project may lose the stand-in's exec bit.
assert new File(basedir, 'bin/docker').setExecutable(true)
new File(basedir, 'target').mkdirs()
