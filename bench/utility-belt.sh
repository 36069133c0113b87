#!/usr/bin/env bash
# Start-up benchmark of the Java dub, through its launcher as images call it.
# Times `dub ensure`, `dub path` and `dub template` (a kafka.properties-sized template, ~40 KAFKA_*
# variables) RUNS times each (default 15), and prints medians next to two references measured in
# the same invocation: `/bin/true` (process start) and `java -version` (bare JVM start).
# Target (issue 2): each dub median at most 150 ms, the cost of Confluent's Python dub.
#
# Usage: bench/utility-belt.sh            (after ./mvnw -pl utility-belt package)
#        RUNS=30 UTILITY_BELT_JAR=/path/utility-belt.jar bench/utility-belt.sh
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${RUNS:-15}
export UTILITY_BELT_JAR=${UTILITY_BELT_JAR:-$PWD/utility-belt/target/utility-belt.jar}
dub=$PWD/utility-belt/src/main/bin/dub
target_ms=150
if [[ ! -f $UTILITY_BELT_JAR ]]; then
  echo "No jar at $UTILITY_BELT_JAR: build it first with ./mvnw -pl utility-belt package" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A broker environment of realistic size: 40 KAFKA_* settings plus launch-only variables.
settings=(ZOOKEEPER_CONNECT=zk-1:2181,zk-2:2181,zk-3:2181/kafka BROKER_ID=1
  ADVERTISED_LISTENERS=PLAINTEXT://kafka-1:9092,SSL://kafka-1:9093 LISTENERS=PLAINTEXT://0.0.0.0:9092,SSL://0.0.0.0:9093
  LOG_DIRS=/var/lib/kafka/data NUM_PARTITIONS=6 DEFAULT_REPLICATION_FACTOR=3 MIN_INSYNC_REPLICAS=2
  OFFSETS_TOPIC_REPLICATION_FACTOR=3 TRANSACTION_STATE_LOG_REPLICATION_FACTOR=3 TRANSACTION_STATE_LOG_MIN_ISR=2
  LOG_RETENTION_HOURS=168 LOG_SEGMENT_BYTES=1073741824 LOG_RETENTION_CHECK_INTERVAL_MS=300000
  NUM_NETWORK_THREADS=3 NUM_IO_THREADS=8 SOCKET_SEND_BUFFER_BYTES=102400 SOCKET_RECEIVE_BUFFER_BYTES=102400
  SOCKET_REQUEST_MAX_BYTES=104857600 NUM_RECOVERY_THREADS_PER_DATA_DIR=1 AUTO_CREATE_TOPICS_ENABLE=false
  DELETE_TOPIC_ENABLE=true GROUP_INITIAL_REBALANCE_DELAY_MS=3000 COMPRESSION_TYPE=producer
  SSL_KEYSTORE_LOCATION=/etc/kafka/secrets/kafka.keystore.jks SSL_KEYSTORE_PASSWORD=changeit
  SSL_KEY_PASSWORD=changeit SSL_TRUSTSTORE_LOCATION=/etc/kafka/secrets/kafka.truststore.jks
  SSL_TRUSTSTORE_PASSWORD=changeit SSL_CLIENT_AUTH=required SSL_ENDPOINT_IDENTIFICATION_ALGORITHM=
  LISTENER_SECURITY_PROTOCOL_MAP=PLAINTEXT:PLAINTEXT,SSL:SSL INTER_BROKER_LISTENER_NAME=PLAINTEXT
  REPLICA_FETCH_MAX_BYTES=1048576 MESSAGE_MAX_BYTES=1048588 ZOOKEEPER_SESSION_TIMEOUT_MS=18000
  ZOOKEEPER_CONNECTION_TIMEOUT_MS=18000 CONTROLLED_SHUTDOWN_ENABLE=true UNCLEAN_LEADER_ELECTION_ENABLE=false
  LOG_CLEANER_ENABLE=true LOG_MESSAGE_TIMESTAMP_TYPE=CreateTime)
for setting in "${settings[@]}"; do export "KAFKA_$setting"; done
export KAFKA_HEAP_OPTS=-Xmx1G KAFKA_JMX_PORT=9999 KAFKA_LOG4J_LOGGERS=kafka.controller=INFO
export CONFLUENT_SUPPORT_METRICS_ENABLE=false

cat > "$work/kafka.properties.template" <<'TEMPLATE'
{% set launch_only = ['KAFKA_VERSION', 'KAFKA_HEAP_OPTS', 'KAFKA_LOG4J_OPTS', 'KAFKA_OPTS',
  'KAFKA_JMX_OPTS', 'KAFKA_JMX_PORT', 'KAFKA_JMX_HOSTNAME', 'KAFKA_JVM_PERFORMANCE_OPTS',
  'KAFKA_GC_LOG_OPTS', 'KAFKA_LOG4J_ROOT_LOGLEVEL', 'KAFKA_LOG4J_LOGGERS',
  'KAFKA_TOOLS_LOG4J_LOGLEVEL'] -%}
{% for name, value in env_to_props('KAFKA_', '', exclude=launch_only).items() -%}
{{name}}={{value}}
{% endfor -%}
{% for name, value in env_to_props('CONFLUENT_', 'confluent.').items() -%}
{{name}}={{value}}
{% endfor -%}
TEMPLATE

# Runs the command RUNS times; prints the median wall time and the median CPU time (user + system,
# all threads), both in ms. CPU time barely moves when other jobs load the machine; wall time does.
medians() {
  local samples=$work/samples TIMEFORMAT='%3R %3U %3S'
  : >"$samples"
  for ((i = 0; i < runs; i++)); do
    { time "$@" >/dev/null 2>&1; } 2>>"$samples"
  done
  local middle=$(((runs + 1) / 2))
  echo "$(awk '{ print $1 * 1000 }' "$samples" | sort -n | sed -n "${middle}p")" \
    "$(awk '{ print ($2 + $3) * 1000 }' "$samples" | sort -n | sed -n "${middle}p")"
}

"$dub" template "$work/kafka.properties.template" "$work/kafka.properties"
echo "rendered $(wc -l <"$work/kafka.properties") properties from $(env | grep -c '^KAFKA_') KAFKA_ variables;" \
  "AppCDS archive: $([[ -f ${UTILITY_BELT_JAR%.jar}.jsa ]] && echo present || echo absent); $runs runs each"

read -r java_ms java_cpu_ms < <(medians java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -version)
# One line: name, median wall and CPU ms, wall time relative to a bare JVM start, and for dub the
# verdict on the target (wall time).
report() {
  local name=$1 ms=$2 cpu_ms=$3 verdict=""
  if [[ $name == dub* ]]; then
    verdict=$(((ms <= target_ms)) && echo "ok (target <= $target_ms ms)" || echo "OVER the $target_ms ms target")
  fi
  awk -v n="$name" -v a="$ms" -v c="$cpu_ms" -v b="$java_ms" -v v="$verdict" \
    'BEGIN { printf "%-14s %6d ms %6d ms   x%-4.1f  %s\n", n, a, c, a / b, v }'
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
printf '%-14s %9s %9s   %s\n' "median of $runs" "wall" "cpu" "wall vs java -version"
report "/bin/true" $(medians /bin/true)
report "java -version" "$java_ms" "$java_cpu_ms"
report "dub ensure" $(medians "$dub" ensure KAFKA_ZOOKEEPER_CONNECT)
report "dub path" $(medians "$dub" path "$work" writable)
report "dub template" $(medians "$dub" template "$work/kafka.properties.template" "$work/kafka.properties")
