// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<from><image> \'ftp://example.com/cp-kafka:7.9.0\' has the unknown prefix \'ftp://\'',
    'use a bare registry name, docker://name:tag or tar://path'])
