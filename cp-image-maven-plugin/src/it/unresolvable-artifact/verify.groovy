// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<connectors><connector name="missing"><artifact> \'io.cpimage.it:no-such-connector:1.0\' cannot be resolved',
    'check the coordinates'])
