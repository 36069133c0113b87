// Whether this machine runs linux/arm64 binaries (binfmt_misc's qemu-aarch64 entry, from Debian's
// qemu-user-static). Enables a registered but disabled entry; without one it says loudly that the
// emulated checks are skipped, and under CI=true, where they must run, it fails.
// Returns a closure: arm64Emulation() -> true when arm64 images can run here.
return { ->
  def entry = new File('/proc/sys/fs/binfmt_misc/qemu-aarch64')
  if (entry.exists() && !entry.text.startsWith('enabled') && new File('/usr/sbin/update-binfmts').exists()) {
    ['update-binfmts', '--enable', 'qemu-aarch64'].execute().waitFor()
  }
  if (entry.exists() && entry.text.startsWith('enabled')) {
    return true
  }
  def message = 'linux/arm64 emulation is not registered (no enabled binfmt_misc entry qemu-aarch64):' +
      ' SKIPPING the run of the arm64 image; install qemu-user-static (it registers the entry)'
  if (System.getenv('CI') == 'true') {
    throw new AssertionError(message + '. CI=true: this check must run')
  }
  println "WARNING: $message"
  false
}
