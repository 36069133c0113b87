# Sourced by cp-base/make-cds-archive.sh and cp-kafka/make-aot-cache.sh: the chroot of a line's OS
# layer in which both train start-up caches with the image's own JVM, and the conventions they share.
# A cache only serves the JVM build and the jars it was trained with, so the jars go where the images
# have them, with the times the image build gives them: each jar's from its content, by the engine's
# JarTime, run here as a program from its source.

readonly JAR_TIME_PROGRAM="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/cp-image-engine/src/main/java/io/cpimage/build/JarTime.java"

# training_rootfs OS_TAR: unpacks the OS layer into a new directory, TRAINING_ROOTFS, with /proc
# mounted (removed when the script exits), and reads the layer's environment (PATH, JAVA_HOME) from its
# image config into TRAINING_ENV. Needs root.
training_rootfs() {
  TRAINING_ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/cp-image-training.XXXXXX")
  readonly TRAINING_ROOTFS
  trap 'umount "$TRAINING_ROOTFS/proc" 2> /dev/null || true; rm -rf --one-file-system "$TRAINING_ROOTFS"' EXIT
  tar -xOf "$1" layer.tar | tar -C "$TRAINING_ROOTFS" -x
  mount -t proc proc "$TRAINING_ROOTFS/proc"
  mapfile -t TRAINING_ENV < <(tar -xOf "$1" config.json | grep -o '"Env":\[[^]]*\]' | grep -o '"[A-Z_0-9]*=[^"]*"' | tr -d '"')
  readonly TRAINING_ENV
}

# training_install_jars DIR_IN_IMAGE JAR...: the jars at their path in the image, with their time there.
training_install_jars() {
  local dir="$TRAINING_ROOTFS$1" times i
  shift
  install -d "$dir"
  install -m 644 "$@" "$dir/"
  mapfile -t times < <("${JAVA_HOME:+$JAVA_HOME/bin/}java" "$JAR_TIME_PROGRAM" "$@")
  [ "${#times[@]}" -eq $# ] || { echo "training: ERROR: $JAR_TIME_PROGRAM gave ${#times[@]} times for $# jars" >&2; exit 1; }
  for ((i = 1; i <= $#; i++)); do touch -d "${times[i - 1]}" "$dir/$(basename "${!i}")"; done
}

# training_chroot [--own-network] COMMAND...: runs COMMAND in the rootfs with nothing but the OS layer's
# environment; with --own-network in a network namespace of its own, where servers listen on loopback
# and meet no other process.
training_chroot() {
  local namespace=()
  if [ "$1" = --own-network ]; then
    shift
    namespace=(unshare --net bash -c 'ip link set lo up && exec "$@"' -)
  fi
  "${namespace[@]}" chroot "$TRAINING_ROOTFS" env -i "${TRAINING_ENV[@]}" "$@"
}

# cache_store DIR CACHE: copies DIR to CACHE in one rename, so that a build that stops half-way never
# leaves half a cache; when another build stored the same cache first, its copy stays.
cache_store() {
  mkdir -p "$(dirname "$2")"
  rm -rf "$2.partial.$$"
  cp -a "$1" "$2.partial.$$"
  mv -T "$2.partial.$$" "$2" 2> /dev/null || rm -rf "$2.partial.$$"
}
