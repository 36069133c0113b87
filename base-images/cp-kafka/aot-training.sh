#!/usr/bin/env bash
# Runs inside make-aot-cache.sh's chroot of an image's OS layer, with the line's jars and the images'
# launch scripts in place: trains the start-up caches of the storage formatter (kafka-storage format),
# of a KRaft node (broker and controller in one process, at its first boot: formatting its storage)
# and of a Connect worker served by it, through the same kafka-storage, kafka-server-start and
# connect-distributed the images run, so that the class path and the JVM options are theirs.
#
#   aot-training.sh <output directory>
#
# On JDK 25 and later each records an AOT cache (JEP 483/514, -XX:AOTCacheOutput, written when it
# exits); before, an AppCDS archive of the classes it loaded (-XX:ArchiveClassesAtExit). The 3.9 line's
# broker also runs in ZooKeeper mode, which loads other classes than a KRaft node: there a ZooKeeper-mode
# broker is trained beside its ZooKeeper too, and the broker's archive is dumped from the classes both
# modes loaded. Beside each cache goes the fingerprint (java-tool's server_fingerprint) that the launch
# compares before using it.
set -o errexit -o nounset -o pipefail

out=$1
readonly WORK=/tmp/aot-training
. /usr/lib/cp-image/java-tool
. /etc/confluent/docker/functions
# The images' launch adds remote JMX, which makes the JVM add the jdk.management.agent module: a JDK 25
# AOT cache serves only the module options it was trained with.
export_jmx_opts
log() { echo "aot-training: $*"; }

if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release")" -ge 25 ]; then
  ext=aot record=-XX:AOTCacheOutput=
else
  ext=jsa record=-XX:ArchiveClassesAtExit=
fi

mkdir -p "$out" "$WORK"
cat > "$WORK/server.properties" << 'PROPERTIES'
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:9093
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
advertised.listeners=PLAINTEXT://127.0.0.1:9092
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=/tmp/aot-training/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
PROPERTIES
cat > "$WORK/worker.properties" << 'PROPERTIES'
bootstrap.servers=127.0.0.1:9092
group.id=aot-training
config.storage.topic=aot-training-config
offset.storage.topic=aot-training-offsets
status.storage.topic=aot-training-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
listeners=http://127.0.0.1:8083
rest.advertised.host.name=127.0.0.1
plugin.path=/usr/share/java,/usr/share/confluent-hub-components
PROPERTIES
# The line with log4j2 (Kafka 4) says so in USE_LOG4J_2, as its cp-base image does.
if compgen -G '/usr/share/java/kafka/log4j-core-*.jar' > /dev/null; then export USE_LOG4J_2=True; fi

# Any fixed cluster id (base64 of 16 bytes) will do: the training data is thrown away.
readonly CLUSTER_ID=YW90LXRyYWluaW5nLWNpZA
# The formatter as a user's own ensure may run it (with the tools' logging configuration), on
# storage of its own: the node below formats its storage itself, as the images' launch has it do.
sed "s:^log.dirs=.*:log.dirs=$WORK/formatter-data:" "$WORK/server.properties" > "$WORK/formatter.properties"
KAFKA_OPTS="${record}$out/kafka-storage.$ext" kafka-storage format --ignore-formatted --cluster-id=$CLUSTER_ID --config "$WORK/formatter.properties" > /dev/null
server_fingerprint "$(server_classpath kafka)" > "$out/kafka-storage.fingerprint"

# The images' servers log at INFO to the console; so does the training, so that the logging classes are in.
if [ "${USE_LOG4J_2:-}" = True ]; then
  cat > "$WORK/log4j2.yaml" << 'YAML'
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
YAML
  export KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=$WORK/log4j2.yaml"
else
  printf '%s\n' 'log4j.rootLogger=INFO, stdout' 'log4j.appender.stdout=org.apache.log4j.ConsoleAppender' \
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout' \
    'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n' > "$WORK/log4j.properties"
  export KAFKA_LOG4J_OPTS="-Dlog4j.configuration=file:$WORK/log4j.properties"
fi
export KAFKA_HEAP_OPTS="-Xmx512m"

# waits up to 120 s for a command to succeed while the server of pid $1 runs
await() {
  local pid=$1 what=$2 i
  shift 2
  for ((i = 0; i < 240; i++)); do
    if "$@" > /dev/null 2>&1; then return 0; fi
    kill -0 "$pid" 2> /dev/null || { log "ERROR: the $what exited before it was ready (its log: $WORK/$what.log)"; tail -n 30 "$WORK/$what.log" >&2; exit 1; }
    sleep 0.5
  done
  log "ERROR: the $what was not ready within 120 s"
  tail -n 30 "$WORK/$what.log" >&2
  exit 1
}
# stops a server as docker stop does and waits until it has written its cache
stop() {
  kill -TERM "$1"
  wait "$1" || true
}

# JDK 17's archive of one run holds that run's classes: the broker's records the classes each mode
# loads, and one archive is dumped from both lists below.
if [ $ext = aot ]; then server_record="${record}$out/kafka-server.$ext"; else server_record="-XX:DumpLoadedClassList=$WORK/kraft.classlist"; fi
# A first boot, as the images' launch starts it: the storage formatted in the node's JVM.
CP_IMAGE_FORMAT_CLUSTER_ID=$CLUSTER_ID KAFKA_OPTS="$server_record" kafka-server-start "$WORK/server.properties" > "$WORK/broker.log" 2>&1 &
broker=$!
await "$broker" broker bash -c 'echo > /dev/tcp/127.0.0.1/9092'
log "node started"

export CLASSPATH="/etc/kafka-connect/jars/*"
KAFKA_OPTS="${record}$out/connect-worker.$ext" connect-distributed "$WORK/worker.properties" > "$WORK/worker.log" 2>&1 &
worker=$!
await "$worker" worker curl -fsS http://127.0.0.1:8083/connectors
curl -fsS http://127.0.0.1:8083/connector-plugins > /dev/null
log "worker ready"

stop "$worker"
server_fingerprint "$(server_classpath kafka)" > "$out/connect-worker.fingerprint"
unset CLASSPATH
stop "$broker"
server_fingerprint "$(server_classpath kafka)" > "$out/kafka-server.fingerprint"

if [ $ext = jsa ]; then
  cat > "$WORK/zookeeper-mode.properties" << 'PROPERTIES'
broker.id=1
zookeeper.connect=127.0.0.1:2181
listeners=PLAINTEXT://127.0.0.1:9092
log.dirs=/tmp/aot-training/zookeeper-mode-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
PROPERTIES
  # ZooKeeper from Kafka's own jars (the 3.9 line ships its server classes), without its admin server.
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" $KAFKA_HEAP_OPTS $KAFKA_LOG4J_OPTS -Dzookeeper.admin.enableServer=false -cp "$(server_classpath kafka)" \
    org.apache.zookeeper.server.ZooKeeperServerMain 2181 "$WORK/zookeeper" > "$WORK/zookeeper.log" 2>&1 &
  zookeeper=$!
  await "$zookeeper" zookeeper bash -c 'echo > /dev/tcp/127.0.0.1/2181'
  KAFKA_OPTS="-XX:DumpLoadedClassList=$WORK/zookeeper-mode.classlist" kafka-server-start "$WORK/zookeeper-mode.properties" \
    > "$WORK/zookeeper-mode-broker.log" 2>&1 &
  broker=$!
  await "$broker" zookeeper-mode-broker grep -q '\[KafkaServer id=1\] started' "$WORK/zookeeper-mode-broker.log"
  log "ZooKeeper-mode broker started"
  stop "$broker"
  stop "$zookeeper"
  # Both modes' classes, each once, in the order they were first loaded; -Xshare:dump writes the
  # archive and exits before the broker's main class runs.
  awk '!seen[$0]++' "$WORK/kraft.classlist" "$WORK/zookeeper-mode.classlist" > "$WORK/kafka-server.classlist"
  KAFKA_OPTS="-Xshare:dump -XX:SharedClassListFile=$WORK/kafka-server.classlist -XX:SharedArchiveFile=$out/kafka-server.jsa -Xlog:cds=error" \
    kafka-server-start "$WORK/server.properties" > "$WORK/dump.log" 2>&1 || { log "ERROR: the broker's archive was not dumped"; tail -n 30 "$WORK/dump.log" >&2; exit 1; }
fi
for cache in "$out/kafka-storage.$ext" "$out/kafka-server.$ext" "$out/connect-worker.$ext"; do
  [ -s "$cache" ] || { log "ERROR: $cache was not written (logs: $WORK/*.log)"; tail -n 30 "$WORK"/*.log >&2; exit 1; }
done
ls -l "$out"
