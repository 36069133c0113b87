#!/usr/bin/env bash
# Benchmark: the boot scripts' cost (configure + ensure, i.e. the dub and cub calls) on top of the
# server's own start, and what the servers' start-up caches (an AOT cache on JDK 25, AppCDS on JDK 17,
# trained when the images are built) save on that start.
#
# Three cases, each for RUNS rounds (default 5):
#   kafka4   cp-kafka on the Kafka 4 line, a KRaft broker and controller in one process, from `docker run`
#            to "[KafkaRaftServer nodeId=1] Kafka Server started";
#   kafka3   cp-kafka on the 3.9 line in ZooKeeper mode (beside one ZooKeeper container), from
#            `docker run` to "[KafkaServer id=1] started";
#   connect  cp-kafka-connect on the Kafka 4 line (beside one KRaft node), from `docker run` until
#            GET /connectors answers 200 (REST ready).
#   connect-plugins  the same worker in an image that cp-image:build extended with three real
#            connectors from Maven Central (connect-file 3.5.2, which has no ServiceLoader manifests,
#            Debezium's JDBC sink and connect-mirror 3.9.1, which have theirs), from `docker run`
#            (boot scripts included) until REST ready, three ways a round: plugin.discovery=only_scan
#            (every class scanned), hybrid_warn (Kafka's default, which the image ran before it
#            recorded its manifests) and the image's own choice (service_load, KIP-898). Prints the
#            medians and the ratios (target: service_load at most 0.5x only_scan). Builds the image
#            with ./mvnw (BENCH_MAVEN_ARGS, e.g. -o -Dmaven.repo.local=..., are passed on).
# Each round of the first three starts the server three ways:
#   scripts        as users run it (/etc/confluent/docker/run: configure, ensure, launch);
#   pre-rendered   the image's launch script alone (the server with the same JVM options), on a
#                  configuration rendered once beforehand (for KRaft, on storage formatted beforehand),
#                  with the start-up cache;
#   no cache       the same, with CP_IMAGE_AOT_CACHE=off.
# Prints each case's medians, the boot scripts' overhead (scripts - pre-rendered; target: at most
# 500 ms) and the cache's ratio (pre-rendered / no cache), in wall time and in the CPU time the
# container used until ready (its cgroup's; on a shared machine wall time stretches with the load).
# The same overhead is also taken without the server's start, whose own variance between rounds (up to
# a second) swamps it: from the container's start to the line the run script prints before it execs
# launch, by the engine's log time stamps, boot scripts minus pre-rendered (whose copy of the rendered
# files is in its figure).
# The kafka4 case's boot scripts are a first boot: its launch formats the storage in the node's JVM,
# so its overhead is the part until launch plus what launch to the started line takes longer than
# the pre-rendered start's (on storage formatted beforehand).
# For the two broker cases it also prints the pre-rendered starts from the launch script's start to the
# time stamp of the server's started line, and their ratio: the server's own start, without
# `docker run`, the container's set-up and this script's polling, which are the same with and without
# the cache and so pull the first ratio towards 1.
#   first-boot  a KRaft node's first boot in a fresh container of cp-kafka, on each line: configure and
#            ensure (wall and CPU time), then launch, which formats the storage in the node's JVM, to
#            the started line, against launch on storage formatted beforehand; with the image's
#            start-up caches and with CP_IMAGE_AOT_CACHE=off.
#
# With BASELINE_REPOSITORY set (the images of another build, e.g. the code before a change built with
# -Dimages.repository=cp-image-before), each round of the first three cases also starts that
# repository's image of the case pre-rendered with its cache, next to this image's pre-rendered start
# (first in every other round), and prints the paired medians and the ratio this image / the baseline:
# a change to an image measured against the image before it in one run, as the machine's load moves.
#
# Usage: bench/boot.sh [RUNS] [CASE...]     env: IMAGES_REPOSITORY (default cp-image), BASELINE_REPOSITORY
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly RUNS="${1:-5}"
shift || true
CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=(kafka4 kafka3 connect connect-plugins first-boot)
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -n1; }
PROJECT_VERSION="$(pom_property version)"
DEBEZIUM_VERSION="$(sed -n 's:.*<debezium.version>\(.*\)</debezium.version>.*:\1:p' it/pom.xml | head -n1)"
KAFKA3_VERSION="$(pom_property kafka.version)"
KAFKA4_VERSION="$(pom_property kafka4.version)"
readonly REPOSITORY="${IMAGES_REPOSITORY:-cp-image}"
readonly BASELINE="${BASELINE_REPOSITORY:-}"
readonly KAFKA4_IMAGE="$REPOSITORY/cp-kafka:$KAFKA4_VERSION"
readonly CONNECT4_IMAGE="$REPOSITORY/cp-kafka-connect:$KAFKA4_VERSION"
readonly KAFKA3_IMAGE="$REPOSITORY/cp-kafka:$KAFKA3_VERSION"
readonly ZOOKEEPER_IMAGE="$REPOSITORY/cp-zookeeper:$KAFKA3_VERSION"
readonly NAME="cp-image-bench-boot-$$"
readonly PLUGINS_IMAGE="cp-image-bench/connect-plugins:$$"
readonly LABELS=(--label io.cpimage.testing=true --label "io.cpimage.bench=$NAME")
WORK="$(mktemp -d)"
readonly WORK
readonly HEAP=(-e KAFKA_HEAP_OPTS="-Xmx256m -Xms64m")
readonly ZK_BROKER_ENV=(-e KAFKA_ZOOKEEPER_CONNECT="$NAME-zookeeper:2181" -e KAFKA_ADVERTISED_LISTENERS="PLAINTEXT://$NAME-server:9092"
  -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 "${HEAP[@]}")
kraft_env() { # HOST
  echo "-e KAFKA_PROCESS_ROLES=broker,controller -e KAFKA_NODE_ID=1 -e CLUSTER_ID=MkU3OEVBNTcwNTJENDM2Qk
    -e KAFKA_CONTROLLER_QUORUM_VOTERS=1@$1:9093 -e KAFKA_LISTENERS=PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093
    -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://$1:9092 -e KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER
    -e KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
    -e KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1 -e KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1
    -e KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1 -e KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0"
}
# shellcheck disable=SC2207
readonly KRAFT_ENV=($(kraft_env "$NAME-server") "${HEAP[@]}")
readonly CONNECT_ENV=(-e CONNECT_BOOTSTRAP_SERVERS="$NAME-kafka:9092" -e CONNECT_GROUP_ID=bench
  -e CONNECT_CONFIG_STORAGE_TOPIC=bench.config -e CONNECT_OFFSET_STORAGE_TOPIC=bench.offsets
  -e CONNECT_STATUS_STORAGE_TOPIC=bench.status -e CONNECT_CONFIG_STORAGE_REPLICATION_FACTOR=1
  -e CONNECT_OFFSET_STORAGE_REPLICATION_FACTOR=1 -e CONNECT_STATUS_STORAGE_REPLICATION_FACTOR=1
  -e CONNECT_KEY_CONVERTER=org.apache.kafka.connect.json.JsonConverter
  -e CONNECT_VALUE_CONVERTER=org.apache.kafka.connect.json.JsonConverter
  -e CONNECT_REST_ADVERTISED_HOST_NAME="$NAME-server" -e KAFKA_HEAP_OPTS="-Xmx384m -Xms64m")

cleanup() {
  docker ps -aq --filter "label=io.cpimage.bench=$NAME" | xargs -r docker rm -f -v > /dev/null
  docker network rm "$NAME" > /dev/null 2>&1 || true
  docker rmi "$PLUGINS_IMAGE" > /dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
# CPU time a running container has used so far, in ms (cgroup v1 or v2); empty when not found.
cpu_ms() {
  local file
  for file in /sys/fs/cgroup/cpuacct/docker/"$1"/cpuacct.usage /sys/fs/cgroup/system.slice/docker-"$1".scope/cpu.stat \
    /sys/fs/cgroup/docker/"$1"/cpu.stat; do
    if [ -f "$file" ]; then
      case $file in
        *.usage) echo $(($(< "$file") / 1000000)) ;;
        *) echo $(($(sed -n 's/^usage_usec //p' "$file") / 1000)) ;;
      esac
      return
    fi
  done
}
# shellcheck source=bench/lib.sh
source bench/lib.sh

# Readiness checks, given the container's id and address; the servers' by the line they log when started.
readonly ZK_BROKER_STARTED='\[KafkaServer id=[0-9]*\] started'
readonly KRAFT_NODE_STARTED='\[KafkaRaftServer nodeId=[0-9]*\] Kafka Server started'
zk_broker_started() { docker logs "$1" 2>&1 | grep -q "$ZK_BROKER_STARTED"; }
kraft_node_started() { docker logs "$1" 2>&1 | grep -q "$KRAFT_NODE_STARTED"; }
# The line a check waits for, where it waits for one.
declare -A READY_LINE=([zk_broker_started]=$ZK_BROKER_STARTED [kraft_node_started]=$KRAFT_NODE_STARTED)
# launch_to_ready_ms ID CHECK: milliseconds from the run script's line "===> Launching" (which a
# pre-rendered start prints too), by the engine's time stamp, to the time the server's log gives its
# ready line: the server's own start, without `docker run`, the container's set-up and this
# script's polling, which the other figures include; on a KRaft node's first boot it includes the
# formatting of its storage, which the node's JVM does before it starts. Empty without either line.
launch_to_ready_ms() {
  local launched stamp pattern="${READY_LINE[$2]:-}"
  [ -n "$pattern" ] || return 0
  launched=$(docker logs --timestamps "$1" 2>&1 | grep -m1 ' ===> Launching' | cut -d' ' -f1)
  [ -n "$launched" ] || return 0
  # "[2026-12-06 13:24:42,303] INFO ...": the images log in UTC.
  stamp=$(docker logs "$1" 2>&1 | grep -m1 "$pattern" | sed -n 's/^\[\([0-9-]* [0-9:]*\),\([0-9]*\)\].*/\1 \2/p')
  [ -n "$stamp" ] || return 0
  echo $(($(TZ=UTC date -d "${stamp% *}" +%s) * 1000 + 10#${stamp##* } - $(date -d "$launched" +%s%3N)))
}
rest_ready() { curl -fs -o /dev/null --max-time 1 "http://$2:8083/connectors"; }

# until_launch_ms ID: milliseconds from the container's start to the line "===> Launching" that the
# run script (and a pre-rendered start) prints just before it execs the launch script, both by the
# engine's clock (`docker logs --timestamps`): what runs before the server, without the server's own
# start, whose variance from round to round (up to a second) would otherwise swamp a difference of
# the boot scripts. Empty without the line.
until_launch_ms() {
  local started launched
  started=$(docker inspect -f '{{.State.StartedAt}}' "$1")
  launched=$(docker logs --timestamps "$1" 2>&1 | grep -m1 ' ===> Launching' | cut -d' ' -f1)
  [ -n "$launched" ] || return 0
  echo $(($(date -d "$launched" +%s%3N) - $(date -d "$started" +%s%3N)))
}

# time_to_ready CHECK DOCKER_RUN_ARGS...: milliseconds from `docker run` until CHECK passes, the CPU
# milliseconds the container used until then, for a pre-rendered start of a server whose check is
# a log line the milliseconds from its launch to that line (else "-"), and the milliseconds from the
# container's start to its launch (until_launch_ms, else "-"); the server is stopped (cleanly, as a
# restart would) and removed afterwards.
time_to_ready() {
  local check=$1 start id address ms cpu launched until_launch
  shift
  start=$(now_ms)
  id=$(docker run -d --network "$NAME" --network-alias "$NAME-server" --hostname "$NAME-server" "${LABELS[@]}" "$@")
  address=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$id")
  until "$check" "$id" "$address"; do
    if [ "$(docker inspect -f '{{.State.Running}}' "$id")" != true ]; then
      docker logs "$id" >&2
      echo "boot.sh: the server exited before it was ready (logs above)" >&2
      exit 1
    fi
    if [ $(($(now_ms) - start)) -gt 180000 ]; then
      echo "boot.sh: the server was not ready within 180 s" >&2
      exit 1
    fi
    sleep 0.05
  done
  ms=$(($(now_ms) - start))
  cpu=$(cpu_ms "$id")
  launched=$(launch_to_ready_ms "$id" "$check")
  until_launch=$(until_launch_ms "$id")
  echo "$ms $cpu ${launched:--} ${until_launch:--}"
  docker stop -t 30 "$id" > /dev/null
  docker rm -v "$id" > /dev/null
}

# A configuration rendered once by the image's own configure step (with KRaft storage formatted, for
# the kafka4 case), as files under $WORK/<case>, readable by the image's user.
render() { # CASE IMAGE STEPS PATHS ENV...
  local case=$1 image=$2 steps=$3 paths=$4
  shift 4
  mkdir -p "$WORK/$case"
  docker run --rm "$@" "$image" bash -c "{ $steps; } > /dev/null && tar -C / -c $paths" | tar -C "$WORK/$case" -x
  chmod -R a+rX "$WORK"
}

# run_case CASE CHECK IMAGE "PRE-RENDERED COMMAND" DOCKER_RUN_ARGS...
run_case() {
  local case=$1 check=$2 image=$3 command=$4 round scripts rendered uncached way scripts_launch rendered_launch uncached_launch
  local baseline baseline_cpu baseline_launch baseline_image="$BASELINE/${image#"$REPOSITORY"/}" baseline_start
  local scripts_until rendered_until
  shift 4
  # The pre-rendered starts print the run script's line before its launch, for until_launch_ms and
  # launch_to_ready_ms.
  command="${command%exec /etc/confluent/docker/launch}echo '===> Launching ... ' && exec /etc/confluent/docker/launch"
  # The baseline's pre-rendered start, as this image's below.
  baseline_start=(time_to_ready "$check" -v "$WORK:/bench:ro" "$@" "$baseline_image" bash -c "$command")
  echo "$case: $RUNS rounds, $image"
  for round in $(seq 1 "$RUNS"); do
    # Each "wall cpu"; a failed start stops the benchmark (errexit), which read would not.
    scripts=$(time_to_ready "$check" "$@" "$image")
    # The baseline's start is the pre-rendered one's neighbour, before it in even rounds and after it
    # in odd ones, so that neither always follows the same start.
    if [ -n "$BASELINE" ] && ((round % 2 == 0)); then baseline=$("${baseline_start[@]}"); fi
    rendered=$(time_to_ready "$check" -v "$WORK:/bench:ro" "$@" "$image" bash -c "$command")
    if [ -n "$BASELINE" ] && ((round % 2 == 1)); then baseline=$("${baseline_start[@]}"); fi
    uncached=$(time_to_ready "$check" -v "$WORK:/bench:ro" -e CP_IMAGE_AOT_CACHE=off "$@" "$image" bash -c "$command")
    if [ -n "$BASELINE" ]; then
      read -r baseline baseline_cpu baseline_launch _ <<< "$baseline"
      echo "$baseline" >> "$WORK/$case.baseline"
      echo "$baseline_cpu" >> "$WORK/$case.baseline.cpu"
      echo "$baseline_launch" | grep -x '[0-9]*' >> "$WORK/$case.baseline.launch" || true
      echo "  round $round: baseline $baseline_image pre-rendered ${baseline} ms (CPU ${baseline_cpu} ms, from launch ${baseline_launch} ms)"
    fi
    read -r scripts scripts_cpu scripts_launch scripts_until <<< "$scripts"
    read -r rendered rendered_cpu rendered_launch rendered_until <<< "$rendered"
    read -r uncached uncached_cpu uncached_launch _ <<< "$uncached"
    echo "  round $round: boot scripts ${scripts} ms (CPU ${scripts_cpu} ms, until launch ${scripts_until} ms, from launch ${scripts_launch} ms)," \
      "pre-rendered ${rendered} ms (CPU ${rendered_cpu} ms, from launch ${rendered_launch} ms, until launch ${rendered_until} ms)," \
      "pre-rendered without cache ${uncached} ms (CPU ${uncached_cpu} ms, from launch ${uncached_launch} ms)"
    echo "$scripts_until" | grep -x '[0-9]*' >> "$WORK/$case.scripts.until" || true
    echo "$rendered_until" | grep -x '[0-9]*' >> "$WORK/$case.rendered.until" || true
    for way in scripts rendered uncached; do
      echo "${!way}" >> "$WORK/$case.$way"
      way_cpu=${way}_cpu
      echo "${!way_cpu}" >> "$WORK/$case.$way.cpu"
    done
    echo "$scripts_launch" | grep -x '[0-9]*' >> "$WORK/$case.scripts.launch" || true
    echo "$rendered_launch" | grep -x '[0-9]*' >> "$WORK/$case.rendered.launch" || true
    echo "$uncached_launch" | grep -x '[0-9]*' >> "$WORK/$case.uncached.launch" || true
  done
  for way in scripts rendered uncached; do
    printf -v "$way" %s "$(median < "$WORK/$case.$way")"
    printf -v "${way}_cpu" %s "$(median < "$WORK/$case.$way.cpu")"
  done
  echo "  median: boot scripts ${scripts} ms (CPU ${scripts_cpu} ms), pre-rendered ${rendered} ms (CPU ${rendered_cpu} ms)," \
    "pre-rendered without cache ${uncached} ms (CPU ${uncached_cpu} ms)"
  echo "  overhead of configure + ensure: $((scripts - rendered)) ms, CPU $((scripts_cpu - rendered_cpu)) ms (target: at most 500 ms)"
  if [ -s "$WORK/$case.scripts.until" ] && [ -s "$WORK/$case.rendered.until" ]; then
    scripts_until=$(median < "$WORK/$case.scripts.until")
    rendered_until=$(median < "$WORK/$case.rendered.until")
    echo "  from the container's start to launch: boot scripts ${scripts_until} ms, pre-rendered ${rendered_until} ms:" \
      "configure + ensure $((scripts_until - rendered_until)) ms without the server's own start (target: at most 500 ms)"
    if [ -s "$WORK/$case.scripts.launch" ] && [ -s "$WORK/$case.rendered.launch" ]; then
      # What the boot adds after launch: a KRaft node's first boot formats its storage in the node's
      # JVM; elsewhere it is nothing, and the difference is the server's own variance.
      scripts_launch=$(median < "$WORK/$case.scripts.launch")
      rendered_launch=$(median < "$WORK/$case.rendered.launch")
      echo "  from launch to the started line: boot scripts ${scripts_launch} ms, pre-rendered ${rendered_launch} ms:" \
        "$((scripts_launch - rendered_launch)) ms more; overhead until launch and after it:" \
        "$((scripts_until - rendered_until + scripts_launch - rendered_launch)) ms (target: at most 500 ms)"
      echo "$case $((scripts_until - rendered_until)) $((scripts_launch - rendered_launch))" >> "$WORK/until-launch"
    else
      echo "$case $((scripts_until - rendered_until)) -" >> "$WORK/until-launch"
    fi
  fi
  echo "  start with the cache / without: $(ratio "$rendered" "$uncached"), CPU $(ratio "$rendered_cpu" "$uncached_cpu") (target: at most 0.60)"
  if [ -s "$WORK/$case.rendered.launch" ] && [ -s "$WORK/$case.uncached.launch" ]; then
    rendered_launch=$(median < "$WORK/$case.rendered.launch")
    uncached_launch=$(median < "$WORK/$case.uncached.launch")
    echo "  from launch to the started line: ${rendered_launch} ms with the cache, ${uncached_launch} ms without:" \
      "$(ratio "$rendered_launch" "$uncached_launch") (target: at most 0.60)"
  fi
  if [ -n "$BASELINE" ]; then
    baseline=$(median < "$WORK/$case.baseline")
    baseline_cpu=$(median < "$WORK/$case.baseline.cpu")
    echo "  pre-rendered with the cache, this image / $BASELINE's: ${rendered} / ${baseline} ms, $(ratio "$rendered" "$baseline");" \
      "CPU ${rendered_cpu} / ${baseline_cpu} ms, $(ratio "$rendered_cpu" "$baseline_cpu")"
    if [ -s "$WORK/$case.rendered.launch" ] && [ -s "$WORK/$case.baseline.launch" ]; then
      rendered_launch=$(median < "$WORK/$case.rendered.launch")
      baseline_launch=$(median < "$WORK/$case.baseline.launch")
      echo "  from launch to the started line, this image / $BASELINE's: ${rendered_launch} / ${baseline_launch} ms," \
        "$(ratio "$rendered_launch" "$baseline_launch")"
    fi
  fi
  echo "$case $scripts $rendered $uncached $scripts_cpu $rendered_cpu $uncached_cpu" >> "$WORK/summary"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }

# first_boot LINE IMAGE: a KRaft node's first boot in a fresh container, RUNS times with the image's
# start-up caches and RUNS times without: configure and ensure (wall and CPU ms), then launch until the
# started line, which formats the storage in the node's JVM first; beside it, in another fresh
# container, launch on storage formatted beforehand (by kafka-storage, not timed). The difference of
# the two launches is what the formatting costs the first boot.
first_boot() {
  local case="first-boot-$1" image=$2 round way line steps formatted
  echo "$case: $RUNS rounds, $image (KRaft; launch formats the storage in the node's JVM)"
  for round in $(seq 1 "$RUNS"); do
    line="  round $round:"
    for way in cache no-cache; do
      for formatted in no yes; do
        # times' second line: the CPU the shell's finished children used (user, system).
        # The node reaches its controller by the name it advertises: the container's own.
        steps=$(docker run --rm --hostname "$NAME-server" "${LABELS[@]}" "${KRAFT_ENV[@]}" -e FORMATTED=$formatted \
          -e CP_IMAGE_AOT_CACHE="$([ $way = cache ] && echo on || echo off)" --entrypoint bash "$image" -c '
            # times in this shell: in a subshell it counts only the children of the subshell.
            cpu() { awk "NR == 2 { split(\$1, u, /[ms]/); split(\$2, s, /[ms]/); printf \"%d\", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }" "$1"; }
            step() { "$@" > /dev/null 2> /tmp/step.err || { cat /tmp/step.err >&2; exit 1; }; }
            t0=$(date +%s%3N); step /etc/confluent/docker/configure; t1=$(date +%s%3N); times > /tmp/times1
            step /etc/confluent/docker/ensure; t2=$(date +%s%3N); times > /tmp/times2; c1=$(cpu /tmp/times1); c2=$(cpu /tmp/times2)
            if [ "$FORMATTED" = yes ]; then
              step kafka-storage format --cluster-id="$CLUSTER_ID" --config /etc/kafka/kafka.properties
            fi
            t3=$(date +%s%3N)
            /etc/confluent/docker/launch > /tmp/server.log 2>&1 &
            until grep -q "Kafka Server started" /tmp/server.log; do
              kill -0 $! 2> /dev/null || { cat /tmp/server.log >&2; exit 1; }
              sleep 0.01
            done
            t4=$(date +%s%3N)
            kill $!
            echo $((t1 - t0)) $c1 $((t2 - t1)) $((c2 - c1)) $((t4 - t3))')
        read -r configure configure_cpu ensure ensure_cpu launch <<< "$steps"
        if [ $formatted = no ]; then
          echo "$configure $configure_cpu $ensure $ensure_cpu $launch" >> "$WORK/$case.$way"
          line="$line $way: configure ${configure} ms (CPU ${configure_cpu}), ensure ${ensure} ms (CPU ${ensure_cpu}), launch ${launch} ms"
        else
          echo "$launch" >> "$WORK/$case.$way.formatted"
          line="$line (formatted beforehand ${launch} ms);"
        fi
      done
    done
    echo "${line%;}"
  done
  for way in cache no-cache; do
    local configure ensure launch formatted_launch
    configure=$(cut -d' ' -f1 "$WORK/$case.$way" | median)
    ensure=$(cut -d' ' -f3 "$WORK/$case.$way" | median)
    launch=$(cut -d' ' -f5 "$WORK/$case.$way" | median)
    formatted_launch=$(median < "$WORK/$case.$way.formatted")
    echo "  median, $way: configure ${configure} ms (CPU $(cut -d' ' -f2 "$WORK/$case.$way" | median))," \
      "ensure ${ensure} ms (CPU $(cut -d' ' -f4 "$WORK/$case.$way" | median)), launch to started ${launch} ms," \
      "on storage formatted beforehand ${formatted_launch} ms: the formatting $((launch - formatted_launch)) ms;" \
      "the first boot's overhead $((configure + ensure + launch - formatted_launch)) ms (target: at most 500 ms)"
  done
}

# The KRaft node the Connect cases' workers join (started once).
start_connect_broker() {
  if [ -n "$(docker ps -q --filter "label=io.cpimage.bench=$NAME" --filter label=io.cpimage.bench.role=kafka)" ]; then
    return
  fi
  # shellcheck disable=SC2046
  docker run -d --network "$NAME" --network-alias "$NAME-kafka" --hostname "$NAME-kafka" "${LABELS[@]}" \
    --label io.cpimage.bench.role=kafka $(kraft_env "$NAME-kafka") "${HEAP[@]}" "$KAFKA4_IMAGE" > /dev/null
  until kraft_node_started "$(docker ps -q --filter "label=io.cpimage.bench.role=kafka" --filter "label=io.cpimage.bench=$NAME")"; do
    sleep 0.5
  done
}

# $PLUGINS_IMAGE: the Kafka 4 line's Connect image with three connectors, built by cp-image:build.
build_plugins_image() {
  local project="$WORK/connect-plugins"
  mkdir -p "$project"
  cat > "$project/pom.xml" << POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.cpimage.bench</groupId>
  <artifactId>connect-plugins</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.cpimage</groupId>
        <artifactId>cp-image-maven-plugin</artifactId>
        <version>$PROJECT_VERSION</version>
        <executions><execution><goals><goal>build</goal></goals></execution></executions>
        <configuration>
          <from><image>docker://$CONNECT4_IMAGE</image></from>
          <to><image>docker://$PLUGINS_IMAGE</image></to>
          <!-- Debezium's and MirrorMaker's jars both bring converters and transforms of their own. -->
          <strictPlugins>false</strictPlugins>
          <connectors>
            <connector><name>file</name><artifact>org.apache.kafka:connect-file:3.5.2</artifact></connector>
            <connector>
              <name>jdbc</name>
              <artifact>io.debezium:debezium-connector-jdbc:$DEBEZIUM_VERSION:plugin:tar.gz</artifact>
            </connector>
            <connector>
              <name>mirror</name>
              <artifact>org.apache.kafka:connect-mirror:3.9.1</artifact>
              <libraries><library><artifact>org.apache.kafka:connect-mirror-client:3.9.1</artifact></library></libraries>
            </connector>
          </connectors>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
  # shellcheck disable=SC2086
  ./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -f "$project/pom.xml" package >&2
}

docker network create --label "io.cpimage.bench=$NAME" "$NAME" > /dev/null
echo "boot.sh: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
for case in "${CASES[@]}"; do
  case $case in
    kafka4)
      # The storage formatted beforehand, so that the pre-rendered start does not format it.
      render kafka4 "$KAFKA4_IMAGE" '/etc/confluent/docker/configure && /etc/confluent/docker/ensure &&
        kafka-storage format --cluster-id="$CLUSTER_ID" --config /etc/kafka/kafka.properties' \
        'etc/kafka/kafka.properties etc/kafka/log4j2.yaml var/lib/kafka/data' "${KRAFT_ENV[@]}"
      run_case kafka4 kraft_node_started "$KAFKA4_IMAGE" \
        'cp -r /bench/kafka4/etc/kafka/. /etc/kafka/ && cp -r /bench/kafka4/var/lib/kafka/data/. /var/lib/kafka/data/ && exec /etc/confluent/docker/launch' \
        "${KRAFT_ENV[@]}"
      ;;
    kafka3)
      docker run -d --network "$NAME" --network-alias "$NAME-zookeeper" "${LABELS[@]}" \
        -e ZOOKEEPER_CLIENT_PORT=2181 -e KAFKA_HEAP_OPTS=-Xmx128m "$ZOOKEEPER_IMAGE" > /dev/null
      render kafka3 "$KAFKA3_IMAGE" /etc/confluent/docker/configure 'etc/kafka/kafka.properties etc/kafka/log4j.properties' "${ZK_BROKER_ENV[@]}"
      run_case kafka3 zk_broker_started "$KAFKA3_IMAGE" 'cp -r /bench/kafka3/etc/kafka/. /etc/kafka/ && exec /etc/confluent/docker/launch' \
        "${ZK_BROKER_ENV[@]}"
      ;;
    connect)
      start_connect_broker
      render connect "$CONNECT4_IMAGE" /etc/confluent/docker/configure \
        'etc/kafka-connect/kafka-connect.properties etc/kafka/connect-log4j2.yaml' "${CONNECT_ENV[@]}"
      run_case connect rest_ready "$CONNECT4_IMAGE" \
        'cp -r /bench/connect/etc/kafka/. /etc/kafka/ && cp -r /bench/connect/etc/kafka-connect/. /etc/kafka-connect/ && exec /etc/confluent/docker/launch' \
        "${CONNECT_ENV[@]}"
      ;;
    connect-plugins)
      build_plugins_image
      start_connect_broker
      echo "connect-plugins: $RUNS rounds, $PLUGINS_IMAGE (3 connectors) on $CONNECT4_IMAGE"
      for round in $(seq 1 "$RUNS"); do
        line="  round $round:"
        for mode in only_scan hybrid_warn image; do
          if [ $mode = image ]; then
            ms=$(time_to_ready rest_ready "${CONNECT_ENV[@]}" "$PLUGINS_IMAGE")
          else
            ms=$(time_to_ready rest_ready -e CONNECT_PLUGIN_DISCOVERY=$mode "${CONNECT_ENV[@]}" "$PLUGINS_IMAGE")
          fi
          ms=${ms%% *}
          echo "$ms" >> "$WORK/plugins.$mode"
          line="$line $mode ${ms} ms,"
        done
        echo "${line%,}"
      done
      scan=$(median < "$WORK/plugins.only_scan")
      hybrid=$(median < "$WORK/plugins.hybrid_warn")
      own=$(median < "$WORK/plugins.image")
      echo "  median: only_scan ${scan} ms, hybrid_warn ${hybrid} ms, the image's choice ($(docker run --rm --entrypoint bash \
        "${CONNECT_ENV[@]}" "$PLUGINS_IMAGE" -c /etc/confluent/docker/plugin-discovery)) ${own} ms"
      echo "  ratio to only_scan: $(awk -v a="$own" -v b="$scan" 'BEGIN { printf "%.2f", a / b }') (target: at most 0.50);" \
        "to hybrid_warn: $(awk -v a="$own" -v b="$hybrid" 'BEGIN { printf "%.2f", a / b }')"
      ;;
    first-boot)
      first_boot kafka4 "$KAFKA4_IMAGE"
      first_boot kafka3 "$KAFKA3_IMAGE"
      ;;
    *)
      echo "boot.sh: unknown case '$case' (known: kafka4 kafka3 connect connect-plugins first-boot)" >&2
      exit 2
      ;;
  esac
done
echo "boot.sh: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
if [ -f "$WORK/summary" ]; then
  echo "summary (medians, ms): case, boot scripts, pre-rendered, pre-rendered without cache; the same in CPU ms"
  column -t "$WORK/summary"
fi
if [ -f "$WORK/until-launch" ]; then
  echo "the boot scripts' overhead over a pre-rendered start's (medians, ms): case, until launch, after launch"
  column -t "$WORK/until-launch"
fi
