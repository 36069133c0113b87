#!/usr/bin/env bash
# The main job: builds the utility belt, the plugin and, with the plugin, the CP-compatible images
# (cp-base, cp-zookeeper, cp-kafka, cp-kafka-connect), then prints each image's name and digest.
# The images are loaded into the local Docker engine when one runs, and always written as
# docker-save tars (<module>/target/image.tar). Tests are left to scripts/test.sh.
# The OS layer is made once per machine with debootstrap, which needs root (see base-images/README.md).
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/docker-engine.sh || echo "build: no Docker engine: images are written as tars only" >&2

./mvnw -B install -DskipTests -Dinvoker.skip -Darchetype.test.skip "$@"

echo
echo "Images built:"
for report in base-images/*/target/cp-image/report.json; do
  sed -n 's/^  "\(image\|digest\)" : "\(.*\)",$/\2/p' "$report" | paste -sd' ' | sed 's/^/  /'
done
