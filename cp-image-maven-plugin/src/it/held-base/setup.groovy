def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
loadItBase(itBase, 'cp-image-it/held-base-base:1')
