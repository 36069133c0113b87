// A target left by an interrupted run would hold every layer: the first build must send ours.
['docker', 'rmi', '-f', 'cp-image-it/held-base:1', 'cp-image-it/held-base:2'].execute().waitFor()
def loadItBase = evaluate(new File(itSupport, 'load-it-base.groovy'))
loadItBase(itBase, 'cp-image-it/held-base-base:1')
