// Bad input: the build names the missing platform and those the base has, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ["<platforms>: the base image 'tar://${itBase}/multi/layout.tar' has no linux/s390x image;" +
    ' it has linux/amd64, linux/arm64. Declare only those in <platforms> (or -Dcp-image.platforms),' +
    ' or build FROM a base made for linux/s390x'].collect { it.toString() })
