// Runs 1 (-DskipTests) and 2 (-DskipITs) must not have run what they skip; run 3 runs everything
// this project can, so each marker proves its kind of test really runs when not skipped.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/).findAll { it.contains('BUILD') }
assert runs.size() == 3 : "expected 3 builds in build.log, found ${runs.size()}"
def (skipTests, skipITs, all) = runs

// -DskipTests: nothing ran.
// surefire:test, failsafe:integration-test and failsafe:verify each say so.
assert skipTests.count('Tests are skipped.') == 3
assert skipTests.contains('Skipping invocation per configuration')
assert !skipTests.contains('Building: nested/pom.xml')
assert !skipTests.contains('Running it.skip.')
assert skipTests.contains('BUILD SUCCESS') : 'the archetype ITs were skipped (they fail on this project)'

// -DskipITs: surefire ran, the integration tests did not.
assert skipITs.contains('Running it.skip.MarkerTest')
assert !skipITs.contains('Running it.skip.MarkerIT')
assert skipITs.count('Tests are skipped.') == 2
assert skipITs.contains('Skipping invocation per configuration')
assert !skipITs.contains('Building: nested/pom.xml')
assert skipITs.contains('BUILD SUCCESS')

// Nothing skipped: every kind ran (the markers are left by the tests themselves).
assert all.contains('Running it.skip.MarkerTest')
assert all.contains('Running it.skip.MarkerIT')
assert all.contains('Building: nested/pom.xml')
['surefire', 'failsafe'].each {
  assert new File(basedir, "target/ran/$it").isFile() : "$it did not run in the build without skips"
}
return true
