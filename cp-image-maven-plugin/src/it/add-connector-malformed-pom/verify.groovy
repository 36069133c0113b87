def pomUnchanged = evaluate(new File(itSupport, 'pom-unchanged.groovy'))
pomUnchanged(basedir, ['Non-parseable POM'])
assert new File(basedir, 'build.log').text =~ /line 10, column \d+/
true
