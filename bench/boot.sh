#!/usr/bin/env bash
# Benchmark: the cost of cp-kafka's boot scripts (configure + ensure, i.e. the dub and cub calls)
# on top of the broker's own start.
#
# For RUNS rounds (default 5) it starts, against one ZooKeeper container:
#   scripts:  cp-kafka as users run it (/etc/confluent/docker/run: configure, ensure, launch);
#   baseline: the same image running kafka-server-start (java kafka.Kafka, same JVM options) on the
#             same configuration, rendered once beforehand;
# and measures each from `docker run` to the broker's "[KafkaServer id=N] started" line.
# Prints the medians and their difference, the boot scripts' overhead (target: at most 1 s).
#
# ZooKeeper mode needs the Kafka 3.9 line: the images default to that line's tag, the root pom's
# kafka.version (the Kafka 4 line, `latest`, refuses KAFKA_ZOOKEEPER_CONNECT).
#
# Usage: bench/boot.sh [RUNS]     env: KAFKA_IMAGE, ZOOKEEPER_IMAGE (default cp-image/*:<kafka.version>)
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly RUNS="${1:-5}"
KAFKA3_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -n1)"
readonly KAFKA3_VERSION
readonly KAFKA_IMAGE="${KAFKA_IMAGE:-cp-image/cp-kafka:$KAFKA3_VERSION}"
readonly ZOOKEEPER_IMAGE="${ZOOKEEPER_IMAGE:-cp-image/cp-zookeeper:$KAFKA3_VERSION}"
readonly NAME="cp-image-bench-boot-$$"
readonly LABEL="io.cpimage.testing=true"
WORK="$(mktemp -d)"
readonly WORK
readonly BROKER_ENV=(-e KAFKA_ZOOKEEPER_CONNECT="$NAME-zookeeper:2181" -e KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://$NAME-kafka:9092"
  -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_HEAP_OPTS="-Xmx256m -Xms64m")

cleanup() {
  docker ps -aq --filter "label=io.cpimage.bench=$NAME" | xargs -r docker rm -f > /dev/null
  docker network rm "$NAME" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# Milliseconds from `docker run` to the broker's started line; the broker is stopped afterwards.
time_to_started() {
  local start id
  start=$(now_ms)
  id=$(docker run -d --network "$NAME" --network-alias "$NAME-kafka" --hostname "$NAME-kafka" \
    --label "$LABEL" --label "io.cpimage.bench=$NAME" "${BROKER_ENV[@]}" "$@")
  until docker logs "$id" 2>&1 | grep -q '\[KafkaServer id=[0-9]*\] started'; do
    if [ "$(docker inspect -f '{{.State.Running}}' "$id")" != true ]; then
      docker logs "$id" >&2
      echo "boot.sh: the broker exited before it started (logs above)" >&2
      exit 1
    fi
    if [ $(($(now_ms) - start)) -gt 120000 ]; then
      echo "boot.sh: the broker did not start within 120 s" >&2
      exit 1
    fi
    sleep 0.05
  done
  echo $(($(now_ms) - start))
  # A clean shutdown frees the broker's registration in ZooKeeper for the next round.
  docker stop -t 30 "$id" > /dev/null
  docker rm "$id" > /dev/null
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

docker network create --label "io.cpimage.bench=$NAME" "$NAME" > /dev/null
docker run -d --network "$NAME" --network-alias "$NAME-zookeeper" --label "$LABEL" --label "io.cpimage.bench=$NAME" \
  -e ZOOKEEPER_CLIENT_PORT=2181 -e KAFKA_HEAP_OPTS=-Xmx128m "$ZOOKEEPER_IMAGE" > /dev/null

# The baseline's configuration: rendered once by the image's own configure step.
docker run --rm "${BROKER_ENV[@]}" "$KAFKA_IMAGE" bash -c \
  '/etc/confluent/docker/configure > /dev/null && tar -C /etc/kafka -c kafka.properties log4j.properties' | tar -C "$WORK" -x
chmod 755 "$WORK" && chmod 644 "$WORK"/*.properties

echo "boot.sh: $RUNS rounds, $KAFKA_IMAGE, from docker run to '[KafkaServer id=N] started'"
for round in $(seq 1 "$RUNS"); do
  scripts=$(time_to_started "$KAFKA_IMAGE")
  baseline=$(time_to_started -v "$WORK:/bench:ro" -e KAFKA_LOG4J_OPTS=-Dlog4j.configuration=file:/bench/log4j.properties \
    "$KAFKA_IMAGE" kafka-server-start /bench/kafka.properties)
  echo "round $round: boot scripts ${scripts} ms, pre-rendered ${baseline} ms"
  echo "$scripts" >> "$WORK/scripts"
  echo "$baseline" >> "$WORK/baseline"
done

scripts_median=$(median < "$WORK/scripts")
baseline_median=$(median < "$WORK/baseline")
overhead=$((scripts_median - baseline_median))
echo "median: boot scripts ${scripts_median} ms, pre-rendered ${baseline_median} ms"
echo "overhead of configure + ensure: ${overhead} ms (target: at most 1000 ms)"
