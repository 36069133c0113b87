#!/usr/bin/env bash
# Makes the utility belt's start-up archive with the image's own JVM, so that dub, cub and ub start
# faster inside the images (each boot calls them several times): on JDK 25 and later an AOT cache
# (JEP 483/514/515: classes loaded and linked, method profiles), on older JDKs an AppCDS archive.
#
#   make-cds-archive.sh <os.tar> <utility-belt.jar> <output root>
#
# Both only work for the JVM build that made them and for the jar on the class path they were
# trained with. So the training runs in a chroot of the image's OS layer (its java), on the jar placed
# where images have it, with the time the image build gives it (from its content), and with the
# launchers' JVM options. JDK 17 and JDK 25 check an archive's jar by size and time only, and then
# accept a cache silently; so beside the AOT caches also goes the end of the jar they were trained with
# (its central directory, which lists every entry's name, size and CRC, and the end record), and the
# launchers use a cache only when the jar in the image ends with the same bytes at the same offset (an
# extension image built with another plugin version brings another jar).
#
# The chroot is training-chroot.sh's, which make-aot-cache.sh (the servers' caches) uses too.
#
# The result goes to <output root>/usr/share/java/cp-image-utility-belt/ (utility-belt.jsa, or
# utility-belt.<profile>.aot for each group of verbs and utility-belt.trained-end.<offset>, see the
# launchers), which the image build lays over the root. It is cached by its inputs;
# making it needs root (chroot, mount), and without root or cache the image is built without it:
# dub, cub and ub then just start slower.
set -o errexit -o nounset -o pipefail

[ $# -eq 3 ] || { echo "usage: make-cds-archive.sh <os.tar> <utility-belt.jar> <output root>" >&2; exit 2; }
os_tar=$1 jar=$2 out_root=$3
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly JAR_IN_IMAGE=/usr/share/java/cp-image-utility-belt/utility-belt.jar
. "$HERE/../training-chroot.sh"
# As the launchers run the belt: an archive trained with other GC or JIT options serves less.
readonly BELT_JVM_OPTIONS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)

log() { echo "make-cds-archive: $*"; }
for input in "$os_tar" "$jar"; do
  [ -f "$input" ] || { echo "make-cds-archive: ERROR: $input is missing; build base-images/os and utility-belt first (./mvnw -pl base-images/cp-base -am install)" >&2; exit 1; }
done

# What the launchers compare the jar in an image with: the jar from its central directory to its end,
# and the offset at which the directory starts, which the end record (the last 22 bytes: the belt's jar
# has no zip comment) gives: read as 32-bit words (zip's and the machine's order, little-endian), its
# signature 0x06054b50 is the first, the offset the fifth.
read -r -a end_record < <(tail -c 22 "$jar" | od -An -tu4 -w24 -v)
[ "${end_record[0]:-}" = 101010256 ] \
  || { echo "make-cds-archive: ERROR: $jar does not end with a zip end record (a zip comment?)" >&2; exit 1; }
end_offset=${end_record[4]}

key=$(cat "${BASH_SOURCE[0]}" "$HERE/../training-chroot.sh" "$JAR_TIME_PROGRAM" "$os_tar" "$jar" | sha256sum | cut -c1-16)
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/cds/$key"
target_dir="$out_root$(dirname "$JAR_IN_IMAGE")"
rm -rf "$out_root"

if [ ! -f "$cache_dir/done" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "WARNING: not root and no cached archive: images get no start-up archive (dub/cub/ub start slower)"
    exit 0
  fi
  training_rootfs "$os_tar"
  training_install_jars "$(dirname "$JAR_IN_IMAGE")" "$jar"
  java_release=$(training_chroot java -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = //p')
  mkdir -p "$TRAINING_ROOTFS/tmp/archive"
  if [ "$java_release" -ge 25 ]; then
    # One cache per group of verbs (CdsTraining.Profile): the JVM loads all of a cache's classes at
    # start, so one cache for everything would make `dub ensure` load the Kafka client. None for the
    # checks (ensure, path, listeners): they ran no faster with one. JEP 514's one step: train, then
    # a child JVM writes the cache.
    for profile in template gotemplate ready; do
      training_chroot java "${BELT_JVM_OPTIONS[@]}" -XX:AOTCacheOutput="/tmp/archive/utility-belt.$profile.aot" \
        -Xlog:aot=warning -Xlog:cds=warning -cp "$JAR_IN_IMAGE" io.cpimage.belt.CdsTraining /tmp/cds-training "$profile" \
        >/dev/null
    done
    tail -c +$((end_offset + 1)) "$jar" >"$TRAINING_ROOTFS/tmp/archive/utility-belt.trained-end.$end_offset"
  else
    training_chroot java "${BELT_JVM_OPTIONS[@]}" -XX:DumpLoadedClassList=/tmp/utility-belt.classlist \
      -cp "$JAR_IN_IMAGE" io.cpimage.belt.CdsTraining /tmp/cds-training >/dev/null
    training_chroot java "${BELT_JVM_OPTIONS[@]}" -Xshare:dump -XX:SharedClassListFile=/tmp/utility-belt.classlist \
      -XX:SharedArchiveFile=/tmp/archive/utility-belt.jsa -Xlog:cds=off -cp "$JAR_IN_IMAGE" >/dev/null
  fi
  touch "$TRAINING_ROOTFS/tmp/archive/done"
  cache_store "$TRAINING_ROOTFS/tmp/archive" "$cache_dir"
  log "cached $cache_dir (JDK $java_release)"
fi
mkdir -p "$target_dir"
for archive in "$cache_dir"/utility-belt.*; do
  install -m 644 "$archive" "$target_dir/"
  log "archive for the image: $target_dir/$(basename "$archive")"
done
