#!/usr/bin/env bash
# Makes an OS layer of the base images: a Debian minbase rootfs with OpenJDK's headless JRE, packed as
# a docker-save tar that cp-image:build uses as a `tar://` base. One per image line: Debian bookworm
# with JDK 17 (Kafka 3.9), Debian trixie with JDK 25 (Kafka 4).
#
# Usage: make-os-tar.sh <output tar> <Debian suite> <JDK feature version> [<Debian architecture>]
#
# The architecture (amd64, arm64) defaults to this machine's. Another one is made with debootstrap's
# --foreign first stage and its second stage run in a chroot under qemu-user-static, which needs the
# architecture's binfmt_misc handler registered with the F (fix binary) flag: scripts/binfmt.sh does it.
#
# The rootfs is made by debootstrap (needs root and Debian's package mirror) once per machine: the tar
# is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/os/<hash>/os.tar, where <hash> covers this
# script, packages.txt, the suite, the JDK and the architecture. A cache hit needs neither root nor network.
# The mirror is read from this machine's apt sources at run time (override with DEBIAN_MIRROR).
set -o errexit -o nounset -o pipefail

die() { echo "make-os-tar: ERROR: $*" >&2; exit 1; }
log() { echo "make-os-tar: $*"; }

[ $# -eq 3 ] || [ $# -eq 4 ] || die "usage: make-os-tar.sh <output tar> <Debian suite> <JDK feature version> [<Debian architecture>] (e.g. target/os-jdk25.tar trixie 25 arm64)"
readonly OUTPUT="$1" SUITE="$2" JDK="$3"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
readonly PACKAGES_FILE="$HERE/packages.txt"
HOST_ARCH="$(dpkg --print-architecture)"
readonly HOST_ARCH
readonly ARCH="${4:-$HOST_ARCH}"
readonly JDK_PACKAGE="openjdk-$JDK-jre-headless"
readonly JAVA_HOME_IN_IMAGE="/usr/lib/jvm/java-$JDK-openjdk-$ARCH"
readonly IMAGE_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

packages() { { echo "$JDK_PACKAGE"; sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$PACKAGES_FILE"; } | paste -sd, -; }

cache_key() {
  { sha256sum "${BASH_SOURCE[0]}" "$PACKAGES_FILE" | cut -d' ' -f1; echo "suite=$SUITE jdk=$JDK arch=$ARCH"; } | sha256sum | cut -c1-16
}

# The first Debian (non-security) mirror of the machine's apt sources, one-line or deb822 format.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
        | grep -E '/debian/?$' | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
          | awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' \
          | grep -E '/debian/?$' | head -n1 || true)
  fi
  [ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list or /etc/apt/sources.list.d/ (set DEBIAN_MIRROR=<url of a Debian archive>)"
  echo "$uri"
}

# Removes what a container never needs and what makes the layer big: docs, man pages, apt lists and caches, logs.
slim_rootfs() {
  local root="$1"
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/lintian \
         "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
         "$root"/var/cache/ldconfig/aux-cache "$root"/var/log/* "$root"/tmp/* "$root"/root/.bash_history
  # Later `apt-get install`s in extending images stay slim too.
  cat > "$root/etc/dpkg/dpkg.cfg.d/01-cp-image-nodoc" <<'CFG'
path-exclude=/usr/share/doc/*
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
CFG
  # Docker provides these at run time; do not bake in the build host's.
  : > "$root/etc/resolv.conf"
  : > "$root/etc/hostname"
}

# appuser as in Confluent's images (uid/gid 1000, home /home/appuser), plus membership of group 0 so
# that the group-0-writable data and config directories are writable by appuser and by any --user uid alike.
add_appuser() {
  local root="$1"
  chroot "$root" groupadd --gid 1000 appuser
  chroot "$root" useradd --no-log-init --uid 1000 --gid appuser --groups root --create-home --shell /bin/bash appuser
}

# The directories Confluent's images write into at run time without declaring them volumes: configure
# renders into /etc/kafka and /etc/kafka-connect, connectors are installed under
# /usr/share/confluent-hub-components. appuser and any uid of group 0 must write there. They are made
# here because an image layer added by cp-image:build (jib) keeps a base directory's owner and mode
# but cannot give a new directory a mode other than 755.
add_writable_cp_directories() {
  local root="$1" dir
  for dir in /etc/kafka /etc/kafka-connect /usr/share/confluent-hub-components; do
    install -d -o 1000 -g 0 -m 775 "$root$dir"
  done
}

# The image config's platform fields (OCI image spec): arm64 images carry the variant v8.
platform_json() {
  case "$ARCH" in
    arm64) echo '"architecture":"arm64","variant":"v8","os":"linux"' ;;
    *) echo '"architecture":"'"$ARCH"'","os":"linux"' ;;
  esac
}

# docker-save layout (manifest.json, config.json, one layer), byte-reproducible for a given rootfs.
pack_docker_save_tar() {
  local root="$1" out="$2" work diff
  work=$(mktemp -d)
  tar -C "$root" --sort=name --mtime=@0 --numeric-owner --format=gnu \
      --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -cf "$work/layer.tar" .
  diff=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  cat > "$work/config.json" <<JSON
{$(platform_json),"created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=$IMAGE_PATH","JAVA_HOME=$JAVA_HOME_IN_IMAGE"],"Cmd":["/bin/bash"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"debootstrap --variant=minbase $SUITE + $(packages)"}]}
JSON
  echo '[{"Config":"config.json","RepoTags":["cp-image/os:'"$SUITE-jdk$JDK-$ARCH"'"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
  tar -C "$work" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
      -cf "$out" manifest.json config.json layer.tar
  rm -rf "$work"
}

# A foreign architecture's second stage runs its binaries under qemu-user-static: the kernel must have
# the handler registered with the F flag (the interpreter opened at registration), so that it also
# works inside the chroot, where the interpreter's path does not exist.
require_binfmt() {
  local qemu_arch handler
  case "$ARCH" in
    arm64) qemu_arch=aarch64 ;;
    amd64) qemu_arch=x86_64 ;;
    *) qemu_arch="$ARCH" ;;
  esac
  handler="/proc/sys/fs/binfmt_misc/qemu-$qemu_arch"
  [ -f "$handler" ] && grep -qx enabled "$handler" && grep -q '^flags: .*F' "$handler" \
    || die "cannot run $ARCH programs on this $HOST_ARCH machine: no binfmt_misc handler $handler with the F flag.
  Register it (as root): bash scripts/binfmt.sh
  or leave $ARCH out of the platforms built (CP_IMAGE_PLATFORMS)."
}

ROOTFS=""
# Unmounts what debootstrap may have left mounted (after a failure) before deleting, never crossing into a mount.
remove_rootfs() {
  [ -n "$ROOTFS" ] || return 0
  awk -v r="$ROOTFS/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
  rm -rf --one-file-system "$ROOTFS"
}
build_into_cache() {
  local cached="$1" mirror rootfs
  [ "$(id -u)" -eq 0 ] || die "the OS layer is not cached yet ($cached) and making it needs root:
  debootstrap creates device nodes and runs chroot. Make it once as root into the same cache directory:
    sudo env XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME/.cache} ./mvnw -pl base-images/os install
  (the Debian $SUITE layer with JDK $JDK)
  after that, builds find it in the cache and need neither root nor network."
  [ "$ARCH" = "$HOST_ARCH" ] || require_binfmt
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y debootstrap >/dev/null; }
  mirror=$(debian_mirror)
  ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/cp-image-os.XXXXXX")
  trap remove_rootfs EXIT
  rootfs="$ROOTFS"
  if [ "$ARCH" = "$HOST_ARCH" ]; then
    log "debootstrap --variant=minbase $SUITE from $mirror with $(packages) (a few minutes, once per machine)"
    debootstrap --variant=minbase --include="$(packages)" "$SUITE" "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
      || { tail -n 30 "$rootfs.log" >&2; die "debootstrap failed (full log: $rootfs.log)"; }
  else
    log "debootstrap --arch $ARCH --foreign --variant=minbase $SUITE from $mirror with $(packages), second stage under qemu (slow, once per machine)"
    debootstrap --arch "$ARCH" --foreign --variant=minbase --include="$(packages)" "$SUITE" "$rootfs" "$mirror" > "$rootfs.log" 2>&1 \
      || { tail -n 30 "$rootfs.log" >&2; die "debootstrap (first stage) failed (full log: $rootfs.log)"; }
    chroot "$rootfs" /debootstrap/debootstrap --second-stage >> "$rootfs.log" 2>&1 \
      || { tail -n 30 "$rootfs.log" >&2; die "debootstrap --second-stage under qemu failed (full log: $rootfs.log)"; }
  fi
  rm -f "$rootfs.log"
  [ -x "$rootfs$JAVA_HOME_IN_IMAGE/bin/java" ] || die "no java at $JAVA_HOME_IN_IMAGE in the rootfs"
  add_appuser "$rootfs"
  add_writable_cp_directories "$rootfs"
  slim_rootfs "$rootfs"
  mkdir -p "$(dirname "$cached")"
  pack_docker_save_tar "$rootfs" "$cached.partial"
  mv "$cached.partial" "$cached"
  log "cached $cached ($(du -h "$cached" | cut -f1))"
}

main() {
  local cached
  cached="${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/os/$(cache_key)/os.tar"
  if [ -f "$cached" ]; then log "using cached $cached"; else build_into_cache "$cached"; fi
  mkdir -p "$(dirname "$OUTPUT")"
  rm -f "$OUTPUT"
  ln "$cached" "$OUTPUT" 2>/dev/null || cp "$cached" "$OUTPUT"
}

main
