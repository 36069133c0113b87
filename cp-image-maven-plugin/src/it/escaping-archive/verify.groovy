// Bad input: the build failed with a message naming the parameter and the fix, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['<connectors><connector name="evil">',
    'would be written outside the directory',
    'Nothing was unpacked. Use an archive whose entries all stay inside it'])
