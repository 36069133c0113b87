// The <build>/<plugins>/<plugin> blocks were created with tabs and the plugin's own version.
def expected = new File(basedir, 'expected-pom.xml').getText('UTF-8').replace('@project.version@', pluginVersion)
assert new File(basedir, 'pom.xml').getText('UTF-8') == expected
assert new File(basedir, 'build.log').text.contains("Added connector 'file-stream' to ")
return true
