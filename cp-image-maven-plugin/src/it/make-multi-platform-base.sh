#!/usr/bin/env bash
# Makes the tiny two-platform base the <platforms> ITs build FROM, without our plugin or docker:
# Debian's busybox-static for linux/amd64 and linux/arm64 (fetched with apt-get download through
# a private package list, so the machine's apt and dpkg state stay as they are), a plugin path
# owned like a CP image's, packed as
#   <out>/multi/<arch>.tar     a docker-save tar of that platform alone
#   <out>/multi/layout/        an OCI image layout whose index.json lists both images (gzip layers)
#   <out>/multi/layout.tar     the same layout as a tar
# The platforms ITs publish the layout to a registry as an image index with cp-image:push-platforms.
# Usage: make-multi-platform-base.sh <output directory>
set -o errexit -o nounset -o pipefail

out=$1/multi
if [ -f "$out/layout.tar" ]; then
  echo "make-multi-platform-base: $out/layout.tar exists"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/apt/lists/partial" "$out/apt/cache/archives/partial" "$out/debs" \
  "$out/layout/blobs/sha256"

apt_options=(-q -o "Dir::State::Lists=$out/apt/lists" -o "Dir::Cache=$out/apt/cache"
  -o APT::Architecture=amd64 -o APT::Architectures=amd64,arm64)
apt-get "${apt_options[@]}" update >/dev/null
(cd "$out/debs" && apt-get "${apt_options[@]}" download busybox-static:amd64 busybox-static:arm64 \
  2>&1 | grep -v '^W: Download is performed unsandboxed' || true)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar_flags=(--sort=name --mtime=@0 --numeric-owner --format=gnu)

sha() { sha256sum "$1" | cut -d' ' -f1; }
blob() { # copies a file into the layout's blobs, prints its digest
  local digest
  digest=$(sha "$1")
  cp "$1" "$out/layout/blobs/sha256/$digest"
  echo "$digest"
}

index_entries=()
for arch in amd64 arm64; do
  rootfs=$work/$arch/rootfs
  mkdir -p "$rootfs"/{bin,etc,tmp,home/appuser} "$work/$arch/deb"
  dpkg-deb -x "$out"/debs/busybox-static_*_"$arch".deb "$work/$arch/deb"
  cp "$work/$arch/deb/bin/busybox" "$rootfs/bin/busybox"
  # The applets a test calls; listed rather than asked of busybox, which may be another arch's.
  for applet in sh ls cat find stat id uname echo; do
    ln -s busybox "$rootfs/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nappuser:x:1000:1000::/home/appuser:/bin/sh\n' \
    >"$rootfs/etc/passwd"
  printf 'root:x:0:\nappuser:x:1000:\n' >"$rootfs/etc/group"
  echo "$arch" >"$rootfs/etc/platform-architecture"
  mkdir -p "$rootfs/usr/share/confluent-hub-components" "$rootfs/usr/share/java/kafka"
  chown 1000:0 "$rootfs/usr/share/confluent-hub-components"
  chmod 775 "$rootfs/usr/share/confluent-hub-components"
  chown 1000:1000 "$rootfs/home/appuser"
  chmod 1777 "$rootfs/tmp"

  tar -C "$rootfs" "${tar_flags[@]}" -cf "$work/$arch/layer.tar" .
  gzip -n -9 -c "$work/$arch/layer.tar" >"$work/$arch/layer.tar.gz"
  diff_id=$(sha "$work/$arch/layer.tar")
  cat >"$work/$arch/config.json" <<JSON
{"architecture":"$arch","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"appuser","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"cp-image make-multi-platform-base.sh"}]}
JSON

  # The docker-save tar of this platform alone.
  echo "[{\"Config\":\"config.json\",\"RepoTags\":[\"cp-image-it/multi-base:$arch\"],\"Layers\":[\"layer.tar\"]}]" \
    >"$work/$arch/manifest.json"
  tar -C "$work/$arch" "${tar_flags[@]}" --owner=0 --group=0 -cf "$out/$arch.tar" \
    manifest.json config.json layer.tar

  # This platform's image in the OCI layout.
  config_digest=$(blob "$work/$arch/config.json")
  layer_digest=$(blob "$work/$arch/layer.tar.gz")
  printf '%s' "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_digest\",\"size\":$(stat -c %s "$work/$arch/config.json")},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$layer_digest\",\"size\":$(stat -c %s "$work/$arch/layer.tar.gz")}]}" \
    >"$work/$arch/oci-manifest.json"
  manifest_digest=$(blob "$work/$arch/oci-manifest.json")
  index_entries+=("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$manifest_digest\",\"size\":$(stat -c %s "$work/$arch/oci-manifest.json"),\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}")
done

printf '{"imageLayoutVersion":"1.0.0"}' >"$out/layout/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[%s]}' \
  "$(IFS=,; echo "${index_entries[*]}")" >"$out/layout/index.json"
tar -C "$out/layout" "${tar_flags[@]}" --owner=0 --group=0 -cf "$out/layout.tar.partial" .
mv "$out/layout.tar.partial" "$out/layout.tar"
echo "make-multi-platform-base: wrote $out/amd64.tar, $out/arm64.tar and $out/layout.tar"
