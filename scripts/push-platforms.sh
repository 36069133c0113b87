#!/usr/bin/env bash
# Pushes every base image built for more than one platform to a registry as an image index: for each
# image whose build wrote an arm64 tar beside the daemon platform's (base-images/<module>/target/
# image-<line>.tar and image-<line>-arm64.tar, from `-Dimages.arm64`), one index under the image's
# name, tag and extra tags, as its build report names them.
#   push-platforms.sh <registry host:port>
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

registry=${1:?usage: push-platforms.sh <registry host:port>}
pushed=0
for report in base-images/*/target/cp-image/report*.json; do
  case $report in *-arm64.json) continue ;; esac
  target=$(dirname "$(dirname "$report")")
  line=$(basename "$report" .json)
  line=${line#report}
  tar=$target/image$line.tar
  arm64=$target/image$line-arm64.tar
  [ -f "$arm64" ] || continue
  # "image" : "docker://<repository>:<tag>", "tags" : [ "<tag>", ... ]
  image=$(sed -n 's/^  "image" : "docker:\/\/\(.*\)",$/\1/p' "$report")
  [ -n "$image" ] || { echo "push-platforms: $report names no docker:// image" >&2; exit 1; }
  tags="${image##*:}$(sed -n 's/^  "tags" : \[ \(.*\) \],$/\1/p' "$report" | tr -d '" ' | sed 's/^./,&/')"
  digest=$(bash scripts/push-index.sh "$registry" "${image%:*}" "$tags" "$tar" "$arm64")
  echo "  $registry/${image%:*}:{$tags} $digest (linux/amd64, linux/arm64)"
  pushed=$((pushed + 1))
done
[ "$pushed" -gt 0 ] || { echo "push-platforms: no image has an arm64 tar: build with -Dimages.arm64" >&2; exit 1; }
