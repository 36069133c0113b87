#!/usr/bin/env bash
# Pushes one image per platform, each a docker-save tar as cp-image:build writes them (gzipped
# layers), to a registry as one multi-platform image: each platform's manifest by its digest, then an
# image index (Docker manifest list) naming them under every tag. The registry speaks plain HTTP
# (a local one, like scripts/local-registry.sh's); the blobs it already has are not sent again.
#   push-index.sh <registry host:port> <repository> <tag>[,<tag>...] <image tar>...
# Prints the index's digest.
set -o errexit -o nounset -o pipefail

die() {
  echo "push-index: ERROR: $*" >&2
  exit 1
}
[ $# -ge 4 ] || die "usage: push-index.sh <registry host:port> <repository> <tag>[,<tag>...] <image tar>..."
registry=$1 repository=$2 tags=$3
shift 3
base="http://$registry/v2/$repository"
readonly MANIFEST_TYPE=application/vnd.docker.distribution.manifest.v2+json
readonly INDEX_TYPE=application/vnd.docker.distribution.manifest.list.v2+json

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

json_string() { # the value of a string field of one-line JSON
  grep -o "\"$1\":\"[^\"]*\"" "$2" | head -n1 | cut -d'"' -f4
}

# Uploads a file as a blob unless the registry has it; prints its descriptor's digest and size.
push_blob() {
  local file=$1 digest size location
  digest="sha256:$(sha256sum "$file" | cut -d' ' -f1)"
  size=$(stat -c %s "$file")
  if ! curl -fsS -o /dev/null -I "$base/blobs/$digest" 2>/dev/null; then
    location=$(curl -fsS -X POST -D - -o /dev/null "$base/blobs/uploads/" \
      | tr -d '\r' | sed -n 's/^[Ll]ocation: //p') || die "the registry $registry refused an upload to $repository"
    case $location in /*) location="http://$registry$location" ;; esac
    case $location in *\?*) location="$location&digest=$digest" ;; *) location="$location?digest=$digest" ;; esac
    curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" "$location" >/dev/null \
      || die "uploading $(basename "$file") ($digest) to $registry/$repository failed"
  fi
  echo "$digest $size"
}

# Pushes one image tar by digest; prints the index entry naming it and its platform.
push_image() {
  local tar=$1 dir config layers layer entries="" descriptor manifest digest arch os variant platform
  dir=$work/$(basename "$tar" .tar)
  mkdir -p "$dir"
  tar -xf "$tar" -C "$dir" || die "$tar is not a readable tar"
  [ -f "$dir/manifest.json" ] || die "$tar has no manifest.json: not a docker-save tar"
  config=$(grep -o '"Config":"[^"]*"' "$dir/manifest.json" | cut -d'"' -f4)
  layers=$(grep -o '"Layers":\[[^]]*\]' "$dir/manifest.json" | sed 's/.*\[//; s/\]//; s/"//g; s/,/ /g')
  for layer in $layers; do
    [ "$(head -c2 "$dir/$layer" | od -An -tx1 | tr -d ' ')" = 1f8b ] \
      || die "$tar: layer $layer is not gzipped (push images written by cp-image:build)"
    read -r digest size <<<"$(push_blob "$dir/$layer")"
    entries="$entries${entries:+,}{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":$size,\"digest\":\"$digest\"}"
  done
  read -r digest size <<<"$(push_blob "$dir/$config")"
  manifest=$dir/manifest.v2.json
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"%s"},"layers":[%s]}' \
    "$MANIFEST_TYPE" "$size" "$digest" "$entries" >"$manifest"
  digest="sha256:$(sha256sum "$manifest" | cut -d' ' -f1)"
  curl -fsS -X PUT -H "Content-Type: $MANIFEST_TYPE" --data-binary "@$manifest" "$base/manifests/$digest" >/dev/null \
    || die "pushing the manifest of $tar to $registry/$repository failed"
  arch=$(json_string architecture "$dir/$config")
  os=$(json_string os "$dir/$config")
  [ -n "$arch" ] && [ -n "$os" ] || die "$tar: its config names no architecture or os"
  variant=$(json_string variant "$dir/$config")
  # jib does not keep a base's variant; arm64 images are v8 (the OCI image index's convention).
  [ -n "$variant" ] || [ "$arch" != arm64 ] || variant=v8
  platform="\"architecture\":\"$arch\",\"os\":\"$os\"${variant:+,\"variant\":\"$variant\"}"
  echo "{\"mediaType\":\"$MANIFEST_TYPE\",\"size\":$(stat -c %s "$manifest"),\"digest\":\"$digest\",\"platform\":{$platform}}"
  echo "push-index: $registry/$repository@$digest ($os/$arch${variant:+/$variant}) from $(basename "$tar")" >&2
  rm -rf "$dir"
}

entries=""
for tar in "$@"; do
  [ -f "$tar" ] || die "no image tar $tar"
  entries="$entries${entries:+,}$(push_image "$tar")"
done
index=$work/index.json
printf '{"schemaVersion":2,"mediaType":"%s","manifests":[%s]}' "$INDEX_TYPE" "$entries" >"$index"
for tag in ${tags//,/ }; do
  curl -fsS -X PUT -H "Content-Type: $INDEX_TYPE" --data-binary "@$index" "$base/manifests/$tag" >/dev/null \
    || die "pushing the index $registry/$repository:$tag failed"
done
echo "sha256:$(sha256sum "$index" | cut -d' ' -f1)"
