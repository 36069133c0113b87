// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<volumes><volume> \'/etc/not-a-directory\' is a file in the base image, not a directory'])
