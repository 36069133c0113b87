// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<from><image> \'tar://',
    '`docker save`'])
