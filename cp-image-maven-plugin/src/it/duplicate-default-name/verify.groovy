// Bad input: the build failed with a message naming the name, why both have it, and wrote nothing.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
failedBuild(basedir, ['Connector connect-file (name from org.apache.kafka:connect-file:3.9.1)',
    '<connectors>: two connectors are named \'connect-file\'',
    'a connector without <name> is named after its artifactId or file name'])
