#!/usr/bin/env bash
# The main job: builds the utility belt, the plugin and, with the plugin, the CP-compatible images of
# both lines (cp-base, cp-kafka, cp-kafka-connect on Kafka 4 and on Kafka 3.9; cp-zookeeper on 3.9),
# then the example extension image
# examples/jdbc-sink (Kafka Connect with Debezium's JDBC sink and the PostgreSQL driver), and prints
# each image's name and digest. The images are loaded into the local Docker engine when one runs, and
# the base images are always written as docker-save tars too (<module>/target/image-<line>.tar); without an
# engine the example is built from that tar into examples/jdbc-sink/target/jdbc-sink.tar.
# Tests are left to scripts/test.sh. The OS layer is made once per machine with debootstrap, which
# needs root (see base-images/README.md).
#
# CP_IMAGE_PLATFORMS=linux/amd64,linux/arm64 builds every base image for linux/arm64 too (under
# qemu-user-static, registered by scripts/binfmt.sh) and pushes both platforms of each as one image
# index to a local registry, 127.0.0.1:${CP_IMAGE_REGISTRY_PORT:-5000} (scripts/local-registry.sh,
# storing under ${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/registry); the daemon gets its own platform,
# as without it. Off by default: the first arm64 build costs some minutes more (base-images/README.md).
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

arm64=false
IFS=, read -r -a platforms <<<"${CP_IMAGE_PLATFORMS:-linux/amd64}"
for platform in "${platforms[@]}"; do
  case $platform in
    linux/amd64) ;;
    linux/arm64) arm64=true ;;
    *)
      echo "build: CP_IMAGE_PLATFORMS='${CP_IMAGE_PLATFORMS:-}': unknown platform '$platform'; write a comma-separated list of linux/amd64 and linux/arm64, e.g. CP_IMAGE_PLATFORMS=linux/amd64,linux/arm64" >&2
      exit 1
      ;;
  esac
done
images_arm64=()
if [ "$arm64" = true ]; then
  bash scripts/binfmt.sh arm64
  images_arm64=(-Dimages.arm64)
fi

daemon=true
bash scripts/docker-engine.sh || {
  daemon=false
  echo "build: no Docker engine: images are written as tars only" >&2
}

./mvnw -B install -DskipTests "${images_arm64[@]}" "$@"

example=(-f examples/jdbc-sink/pom.xml)
if [ "$daemon" = false ]; then
  example+=("-Dcp-image.from.image=tar://$PWD/base-images/cp-kafka-connect/target/image-kafka4.tar"
    "-Dcp-image.to.image=tar://target/jdbc-sink.tar")
fi
./mvnw -B package "${example[@]}" "$@"

if [ "$arm64" = true ]; then
  registry=127.0.0.1:${CP_IMAGE_REGISTRY_PORT:-5000}
  bash scripts/local-registry.sh start "${XDG_CACHE_HOME:-$HOME/.cache}/cp-image/registry" "${registry#*:}"
  echo
  echo "Image indexes (linux/amd64 and linux/arm64) in $registry:"
  bash scripts/push-platforms.sh "$registry" "$@"
fi

echo
echo "Images built:"
for report in base-images/*/target/cp-image/report*.json examples/jdbc-sink/target/cp-image/report.json; do
  sed -n 's/^  "\(image\|digest\)" : "\(.*\)",$/\2/p' "$report" | paste -sd' ' | sed 's/^/  /'
done
