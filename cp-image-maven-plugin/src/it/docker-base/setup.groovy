// A cold start: no base read by an earlier run of this project.
new File(basedir, 'target/download-cache').deleteDir()

// Loads the IT base into the daemon so that this build can take it from there.
def load = ['docker', 'load', '-i', "${itBase}/base.tar"].execute()
load.waitForProcessOutput(System.out, System.err)
assert load.exitValue() == 0
true
