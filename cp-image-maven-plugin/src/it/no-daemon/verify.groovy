// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<to><image> \'docker://cp-image-it/no-daemon:1\': no Docker daemon answers',
    '<to><daemonOptional>true</daemonOptional>'])
