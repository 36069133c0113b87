// Maven -X lists each jar it puts into a plugin's class realm, after "Populating class realm".
def log = new File(basedir, 'build.log').readLines()
def start = log.findIndexOf { it.contains('Populating class realm plugin>io.cpimage:cp-image-maven-plugin:') }
assert start >= 0: 'no plugin realm in the debug log'
def included = log.drop(start + 1).takeWhile { it.contains('  Included: ') }
    .collect { it.substring(it.indexOf('Included: ') + 'Included: '.length()).trim() }
assert included == ["io.cpimage:cp-image-maven-plugin:jar:${pluginVersion}".toString()]: "the plugin's realm holds ${included}"
assert log.any { it.contains('Added volume /var/lib/it to ') }
return true
