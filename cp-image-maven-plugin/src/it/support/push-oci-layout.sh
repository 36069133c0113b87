#!/usr/bin/env bash
# Publishes an OCI image layout directory to a plain-HTTP registry with the distribution API alone
# (no docker, no cp-image): every blob, every manifest by digest, then the layout's index under a
# tag, so the registry holds a multi-platform image index.
# Usage: push-oci-layout.sh <layout directory> <registry host:port> <repository> <tag>
set -o errexit -o nounset -o pipefail

layout=$1
registry=$2
repository=$3
tag=$4
base=http://$registry/v2/$repository
index_type=application/vnd.oci.image.index.v1+json
manifest_type=application/vnd.oci.image.manifest.v1+json

for file in "$layout"/blobs/sha256/*; do
  digest=sha256:$(basename "$file")
  if grep -q '"schemaVersion"' "$file" 2>/dev/null && grep -q '"config"' "$file"; then
    continue # a manifest: pushed below, after its blobs
  fi
  location=$(curl -fsS -D - -o /dev/null -X POST "$base/blobs/uploads/" |
    tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case $location in http*) ;; *) location=http://$registry$location ;; esac
  separator='?'
  case $location in *\?*) separator='&' ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$file" \
    "$location${separator}digest=$digest" >/dev/null
done
for file in "$layout"/blobs/sha256/*; do
  if grep -q '"schemaVersion"' "$file" 2>/dev/null && grep -q '"config"' "$file"; then
    curl -fsS -X PUT -H "Content-Type: $manifest_type" --data-binary "@$file" \
      "$base/manifests/sha256:$(basename "$file")" >/dev/null
  fi
done
curl -fsS -X PUT -H "Content-Type: $index_type" --data-binary "@$layout/index.json" \
  "$base/manifests/$tag" >/dev/null
echo "push-oci-layout: pushed $layout as $registry/$repository:$tag"
