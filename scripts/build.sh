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
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

daemon=true
bash scripts/docker-engine.sh || {
  daemon=false
  echo "build: no Docker engine: images are written as tars only" >&2
}

./mvnw -B install -DskipTests -Dinvoker.skip -Darchetype.test.skip "$@"

example=(-f examples/jdbc-sink/pom.xml)
if [ "$daemon" = false ]; then
  example+=("-Dcp-image.from.image=tar://$PWD/base-images/cp-kafka-connect/target/image-kafka4.tar"
    "-Dcp-image.to.image=tar://target/jdbc-sink.tar")
fi
./mvnw -B package "${example[@]}" "$@"

echo
echo "Images built:"
for report in base-images/*/target/cp-image/report*.json examples/jdbc-sink/target/cp-image/report.json; do
  sed -n 's/^  "\(image\|digest\)" : "\(.*\)",$/\2/p' "$report" | paste -sd' ' | sed 's/^/  /'
done
