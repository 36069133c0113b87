// Bad input: the build names the daemon's platform, the declared ones and the override that picks
// one, and neither loaded nor wrote anything.
def failedBuild = evaluate(new File(itSupport, 'failed-build.groovy'))
def daemon = ['docker', 'version', '--format', '{{.Server.Os}}/{{.Server.Arch}}'].execute().text.trim()
failedBuild(basedir, ["<platforms>: <to><image> 'docker://cp-image-it/platforms-daemon-unlisted:1.0' is" +
    " the Docker daemon, which runs ${daemon} and holds one platform's image under a name;" +
    ' <platforms> lists linux/arm64, linux/s390x. Name the one to load: -Dcp-image.platforms=linux/arm64'].collect { it.toString() })
def images = ['docker', 'images', '-q', 'cp-image-it/platforms-daemon-unlisted'].execute().text.trim()
assert images.isEmpty()
true
