#!/usr/bin/env bash
# Makes the utility belt's AppCDS archive with the image's own JVM, so that dub and cub start faster
# inside the images (each boot calls them several times).
#
#   make-cds-archive.sh <os.tar> <utility-belt.jar> <output root>
#
# A JDK 17 archive only works for the JVM build that dumped it and for a jar at the same path, size
# and modification time. So the dump runs in a chroot of the image's OS layer (its java), on the jar
# placed where images have it, with the time jib gives every file (1 s after the epoch). The result
# goes to <output root>/usr/share/java/cp-image-utility-belt/utility-belt.jsa, which the image build
# lays over the root. It is cached by its inputs; making it needs root (chroot, mount), and without
# root or cache the image is built without it: dub and cub then just start slower.
set -o errexit -o nounset -o pipefail

[ $# -eq 3 ] || { echo "usage: make-cds-archive.sh <os.tar> <utility-belt.jar> <output root>" >&2; exit 2; }
os_tar=$1 jar=$2 out_root=$3
readonly JAR_IN_IMAGE=/usr/share/java/cp-image-utility-belt/utility-belt.jar
readonly JIB_FILE_TIME=@1

log() { echo "make-cds-archive: $*"; }
for input in "$os_tar" "$jar"; do
  [ -f "$input" ] || { echo "make-cds-archive: ERROR: $input is missing; build base-images/os and utility-belt first (./mvnw -pl base-images/cp-base -am install)" >&2; exit 1; }
done

key=$(cat "${BASH_SOURCE[0]}" "$os_tar" "$jar" | sha256sum | cut -c1-16)
cached="${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/cds/$key/utility-belt.jsa"
target="$out_root${JAR_IN_IMAGE%.jar}.jsa"
rm -rf "$out_root"

if [ ! -f "$cached" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "WARNING: not root and no cached archive: images get no AppCDS archive (dub/cub start slower)"
    exit 0
  fi
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/cp-image-cds.XXXXXX")
  cleanup() { umount "$rootfs/proc" 2>/dev/null || true; rm -rf --one-file-system "$rootfs"; }
  trap cleanup EXIT
  tar -xOf "$os_tar" layer.tar | tar -C "$rootfs" -x
  install -D -m 644 "$jar" "$rootfs$JAR_IN_IMAGE"
  touch -d "$JIB_FILE_TIME" "$rootfs$JAR_IN_IMAGE"
  mount -t proc proc "$rootfs/proc"
  chroot "$rootfs" java -XX:DumpLoadedClassList=/tmp/utility-belt.classlist \
    -cp "$JAR_IN_IMAGE" io.cpimage.belt.CdsTraining /tmp/cds-training >/dev/null
  chroot "$rootfs" java -Xshare:dump -XX:SharedClassListFile=/tmp/utility-belt.classlist \
    -XX:SharedArchiveFile=/tmp/utility-belt.jsa -Xlog:cds=off -cp "$JAR_IN_IMAGE" >/dev/null
  mkdir -p "$(dirname "$cached")"
  cp "$rootfs/tmp/utility-belt.jsa" "$cached.partial"
  mv "$cached.partial" "$cached"
  log "cached $cached"
fi
install -D -m 644 "$cached" "$target"
log "archive for the image: $target"
