#!/usr/bin/env bash
# Pushes every base image built for linux/arm64 beside the daemon's platform to a registry as one
# image index, with cp-image:push-platforms: for each image whose build wrote an arm64 tar beside the
# daemon platform's (base-images/<module>/target/image-<line>.tar and image-<line>-arm64.tar, from
# `-Dimages.arm64`), one index under the name and tags the daemon platform's tar carries.
#   push-platforms.sh <registry host:port> [<Maven argument>...]   (plain HTTP: a local registry)
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

registry=${1:?usage: push-platforms.sh <registry host:port> [<Maven argument>...]}
shift
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pushed=0
for arm64 in base-images/*/target/image*-arm64.tar; do
  [ -f "$arm64" ] || continue
  module=${arm64%%/target/*}
  # The module's own pom names the plugin's version.
  if ! ./mvnw -B -f "$module/pom.xml" cp-image:push-platforms \
    "-Dcp-image.push.images=$PWD/${arm64%-arm64.tar}.tar,$PWD/$arm64" \
    "-Dcp-image.push.registry=$registry" -Dcp-image.allowInsecureRegistries=true \
    -Dcp-image.platforms=linux/amd64,linux/arm64 "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "push-platforms: pushing $arm64 and its linux/amd64 twin failed (above)" >&2
    exit 1
  fi
  # "Pushed <registry>/<repository>:{<tags>} <digest> (<platforms>)", the engine's summary.
  sed -n 's/^\[INFO\] Pushed \([^ ]*:{.*\)$/  \1/p' "$log"
  pushed=$((pushed + 1))
done
[ "$pushed" -gt 0 ] || { echo "push-platforms: no image has an arm64 tar: build with -Dimages.arm64" >&2; exit 1; }
