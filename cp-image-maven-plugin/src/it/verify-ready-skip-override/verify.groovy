def log = new File(basedir, 'build.log').text
assert !log.contains('cp-image:verify-ready skipped')
assert log.contains('cp-image:verify-ready: nothing to verify: set at least one of -Dcp-image.zookeeper')
return true
