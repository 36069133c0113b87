def log = new File(basedir, 'build.log').text
def first = log.substring(0, log.indexOf(':build (again)'))
def again = log.substring(log.indexOf(':build (again)'))
def row = { String holds, String status -> ~/(?m)^\[INFO\] ${holds} +[0-9.]+ [kMG]?B  ${java.util.regex.Pattern.quote(status)}$/ }

// The first push sends our layers; the second finds every layer in the registry.
assert first =~ /(?m)^\[INFO\] layer +size  reused or new$/ : first
assert first =~ row('extra-directories', 'new') : first
assert first =~ row('sbom-and-file-tree', 'new') : first
assert again =~ row('base layer 1/[0-9]+', 'reused (base)') : again
assert again =~ row('extra-directories', 'reused (registry)') : again
assert again =~ row('sbom-and-file-tree', 'reused (registry)') : again
assert !(again =~ /(?m)  new$/) : again
true
