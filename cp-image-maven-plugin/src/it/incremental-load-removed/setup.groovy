def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
loadItBase(itBase, 'cp-image-it/incremental-load-removed-base:1')
