def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
loadItBase(itBase, 'cp-image-it/incremental-load-base:1')
