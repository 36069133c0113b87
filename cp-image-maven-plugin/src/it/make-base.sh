#!/usr/bin/env bash
# Makes the tiny base image the integration tests build FROM (no registry can be reached, so no
# pulls): busybox-static plus the C libraries a Linux JRE needs, packed as a byte-reproducible
# docker-save tar with owners and modes like a CP image's; and a small JRE (jlink) for the JDK swap.
# Usage: make-base.sh <output directory> <java home with jlink>
set -o errexit -o nounset -o pipefail

out=$1
java_home=$2
mkdir -p "$out"
if [ -f "$out/base.tar" ] && [ -x "$out/jre/bin/java" ]; then
  echo "make-base: $out/base.tar and $out/jre exist"
  exit 0
fi

if ! busybox_bin=$(command -v busybox) || ! file -L "$busybox_bin" | grep -q 'statically linked'; then
  echo "make-base: installing Debian's busybox-static"
  apt-get install -y -qq busybox-static >/dev/null
  busybox_bin=/bin/busybox
fi

rootfs=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$rootfs" "$work"' EXIT

mkdir -p "$rootfs"/{bin,etc,tmp,root,lib64,lib/x86_64-linux-gnu,home/appuser}
cp "$busybox_bin" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
# What a glibc JRE needs (found with ldd on this machine's JDK).
for lib in libc.so.6 libm.so.6 libz.so.1 libgcc_s.so.1 libstdc++.so.6 ld-linux-x86-64.so.2; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$rootfs/lib/x86_64-linux-gnu/$lib"
done
ln -s /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$rootfs/lib64/ld-linux-x86-64.so.2"

printf 'root:x:0:0:root:/root:/bin/sh\nappuser:x:1000:1000::/home/appuser:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nappuser:x:1000:\n' >"$rootfs/etc/group"
echo 'not a directory' >"$rootfs/etc/not-a-directory"

# As in Confluent's images: the plugin path belongs to appuser with group root and is group-writable.
mkdir -p "$rootfs/usr/share/confluent-hub-components" "$rootfs/usr/share/java/kafka" \
  "$rootfs/etc/confluent/docker" "$rootfs/usr/local/bin" "$rootfs/usr/lib/jvm/base-jdk/bin"
chown 1000:0 "$rootfs/usr/share/confluent-hub-components"
chmod 775 "$rootfs/usr/share/confluent-hub-components"
chown 1000:1000 "$rootfs/home/appuser"
chmod 1777 "$rootfs/tmp"
# The base's "Java" is a Java 8 release file only: the GC flags must follow it unless <jdk> swaps it.
echo 'JAVA_VERSION="1.8.0_402"' >"$rootfs/usr/lib/jvm/base-jdk/release"
printf '#!/bin/sh\necho base run\n' >"$rootfs/etc/confluent/docker/run"
chmod 755 "$rootfs/etc/confluent/docker/run"

tar_flags=(--sort=name --mtime=@0 --numeric-owner --format=gnu)
tar -C "$rootfs" "${tar_flags[@]}" -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat >"$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"appuser","Env":["PATH=/usr/lib/jvm/base-jdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/base-jdk","KAFKA_OPTS=-Dbase=1"],"Cmd":["/etc/confluent/docker/run"],"Labels":{"io.cpimage.test.base":"busybox"}},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"cp-image make-base.sh"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["cp-image-it/base:1"],"Layers":["layer.tar"]}]' >"$work/manifest.json"
tar -C "$work" "${tar_flags[@]}" --owner=0 --group=0 -cf "$out/base.tar.partial" manifest.json config.json layer.tar
mv "$out/base.tar.partial" "$out/base.tar"

rm -rf "$out/jre"
"$java_home/bin/jlink" --add-modules java.base --strip-debug --no-man-pages --no-header-files \
  --compress=2 --output "$out/jre"
echo "make-base: wrote $out/base.tar ($(du -h "$out/base.tar" | cut -f1)) and $out/jre"
