#!/usr/bin/env bash
# Makes the start-up caches of a line's servers with the image's own JVM: an AOT cache (JDK 25) or an
# AppCDS archive (JDK 17) for the KRaft node (broker, controller; on the 3.9 line also a ZooKeeper-mode
# broker), one for the storage formatter (kafka-storage) and one for the Connect worker.
#
#   make-aot-cache.sh <os.tar> <jars dir> <output dir> <image root>...
#
# The training (aot-training.sh) runs in a chroot of the line's OS layer, in a network namespace of its
# own (the servers listen on loopback and meet no other process), with the images' files laid over it
# in order (<image root>s: cp-base's and cp-kafka's src/main/cp-image, ...) and the jars at
# /usr/share/java/kafka with the times the image build gives them (from their content): the class path
# and the launch scripts are the image's. Writes, for the image builds to lay over their roots:
#   <output dir>/kafka-server/usr/lib/cp-image/aot/{kafka-server,kafka-storage}.{aot,jsa,fingerprint}   (cp-kafka)
#   <output dir>/connect-worker/usr/lib/cp-image/aot/connect-worker.{aot,jsa,fingerprint}   (cp-kafka-connect)
# Cached by its inputs. Needs root (chroot, mount, unshare); without root or cache the images are built
# without caches, and the servers simply start slower.
set -o errexit -o nounset -o pipefail

[ $# -ge 4 ] || { echo "usage: make-aot-cache.sh <os.tar> <jars dir> <output dir> <image root>..." >&2; exit 2; }
os_tar=$1 jars=$2 out=$3
shift 3
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly AOT_IN_IMAGE=/usr/lib/cp-image/aot
. "$HERE/../training-chroot.sh"

log() { echo "make-aot-cache: $*"; }
[ -f "$os_tar" ] || { echo "make-aot-cache: ERROR: $os_tar is missing; build base-images/os first (./mvnw -pl base-images/cp-kafka -am install)" >&2; exit 1; }
compgen -G "$jars/*.jar" > /dev/null || { echo "make-aot-cache: ERROR: no jars in $jars; build base-images/kafka4-jars and kafka3-jars first (./mvnw -pl base-images/cp-kafka -am install)" >&2; exit 1; }

key=$( {
  cat "$HERE/make-aot-cache.sh" "$HERE/aot-training.sh" "$HERE/../training-chroot.sh" "$JAR_TIME_PROGRAM" "$os_tar"
  for root in "$@"; do (cd "$root" && find . -type f | LC_ALL=C sort | xargs -d '\n' cat); done
  (cd "$jars" && ls ./*.jar | LC_ALL=C sort | xargs -d '\n' sha256sum)
} | sha256sum | cut -c1-16)
cached="${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/aot/$key"
rm -rf "$out"

if [ ! -d "$cached" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "WARNING: not root and no cached training: the images get no start-up cache (the broker, controller and Connect worker start slower)"
    exit 0
  fi
  training_rootfs "$os_tar"
  for root in "$@"; do cp -a "$root/." "$TRAINING_ROOTFS/"; done
  training_install_jars /usr/share/java/kafka "$jars"/*.jar
  install -m 755 "$HERE/aot-training.sh" "$TRAINING_ROOTFS/tmp/aot-training.sh"
  # Java looks up the machine's name (log4j, Connect); the chroot's hosts file does not know it.
  echo "127.0.0.1 $(hostname)" >> "$TRAINING_ROOTFS/etc/hosts"
  training_chroot --own-network bash /tmp/aot-training.sh /tmp/aot-out
  cache_store "$TRAINING_ROOTFS/tmp/aot-out" "$cached"
  log "cached $cached"
fi
install -d "$out/kafka-server$AOT_IN_IMAGE" "$out/connect-worker$AOT_IN_IMAGE"
install -m 644 "$cached"/kafka-server.* "$cached"/kafka-storage.* "$out/kafka-server$AOT_IN_IMAGE/"
install -m 644 "$cached"/connect-worker.* "$out/connect-worker$AOT_IN_IMAGE/"
log "caches for the images: $out/kafka-server, $out/connect-worker"
