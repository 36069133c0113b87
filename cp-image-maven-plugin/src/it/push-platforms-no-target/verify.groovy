// Bad input: each run failed naming the parameters and the fix; nothing reached the registry.
def registryManifest = evaluate(new File(itSupport, 'registry-manifest.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('cp-image:push-platforms: <to><image> is not set: name the target'
    + ' (-Dcp-image.to.image=host/repository:tag), or give -Dcp-image.push.registry=host:port to push'
    + ' under the name the first tar carries')
assert log.contains('cp-image:push-platforms: <to><image> and <registry> (-Dcp-image.push.registry)'
    + ' are both set; give one')
assert !log.contains('Pushed ')
try {
  registryManifest(registry, 'cp-image-it/push-platforms-no-target', '1')
  assert false : 'the registry holds an image the refused run named'
} catch (FileNotFoundException expected) {
  // 404: nothing was pushed.
}
true
