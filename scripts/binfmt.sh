#!/usr/bin/env bash
# Lets this machine run programs of another CPU architecture (default: arm64) under Debian's
# qemu-user-static: installs it when missing, mounts binfmt_misc when it is not, and registers the
# architecture's handler with the F (fix binary) flag, which makes the kernel open the interpreter now,
# so that it also runs inside chroots and containers (debootstrap's second stage, `docker run
# --platform linux/arm64`). Idempotent: a registered handler is left alone.
#   binfmt.sh [<Debian architecture>...]   exits 0 when each one can run, 1 saying why not
set -o errexit -o nounset -o pipefail

binfmt=/proc/sys/fs/binfmt_misc
fail() {
  echo "binfmt: CANNOT RUN $1 PROGRAMS on this machine: $2" >&2
  echo "binfmt: builds leave $1 out (or fail when asked for it), and the tests that need it are skipped." >&2
  exit 1
}

qemu_name() {
  case "$1" in
    arm64) echo aarch64 ;;
    amd64) echo x86_64 ;;
    *) echo "$1" ;;
  esac
}

register() {
  local arch="$1" qemu handler conf
  qemu=$(qemu_name "$arch")
  handler="$binfmt/qemu-$qemu"
  if [ "$(dpkg --print-architecture)" = "$arch" ]; then
    echo "binfmt: $arch is this machine's own architecture"
    return 0
  fi
  if [ -f "$handler" ] && grep -qx enabled "$handler"; then
    grep -q '^flags: .*F' "$handler" \
      || fail "$arch" "$handler is registered without the F flag, so it cannot run inside chroots or containers; as root: echo -1 > $handler, then run this script again"
    echo "binfmt: $arch already registered ($handler)"
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || fail "$arch" "no handler $handler, and only root can register one (run this script as root)"
  if [ ! -f /usr/lib/binfmt.d/qemu-$qemu.conf ]; then
    echo "binfmt: installing Debian's qemu-user-static"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user-static >/dev/null \
      || fail "$arch" "apt-get install qemu-user-static failed"
  fi
  if [ ! -f "$binfmt/register" ]; then
    mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null \
      || fail "$arch" "binfmt_misc is not mounted at $binfmt and mounting it failed (in a container: run it --privileged, or register the handler on the host)"
  fi
  conf=$(grep -h "^:qemu-$qemu:" "/usr/lib/binfmt.d/qemu-$qemu.conf") \
    || fail "$arch" "no qemu-$qemu entry in /usr/lib/binfmt.d/qemu-$qemu.conf"
  echo "$conf" >"$binfmt/register" 2>/dev/null \
    || fail "$arch" "the kernel refused the registration in $binfmt/register"
  grep -qx enabled "$handler" || fail "$arch" "$handler is not enabled after registration"
  echo "binfmt: registered $arch ($handler, interpreter $(sed -n 's/^interpreter //p' "$handler"))"
}

if [ $# -eq 0 ]; then
  set -- arm64
fi
for arch in "$@"; do
  register "$arch"
done
