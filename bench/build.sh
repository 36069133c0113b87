#!/usr/bin/env bash
# Benchmark: cp-image:build against `docker build` (+ `docker push`) of the equivalent Dockerfile, for
# an extension with three connectors (~30 MB) on one base. Cases: (a) a cold build, (b) a rebuild
# after one connector jar changed; each to the Docker daemon and to a local registry. Prints the
# median of BENCH_RUNS runs (default 3) per case and the ratio cp-image / docker.
# Targets (issue 3): (b) to the registry at most 0.5x the Docker path, (a) at most 1.0x.
# Then the same three connectors on a real base, docker://cp-image/cp-kafka-connect:4.4.0 (built by
# scripts/build.sh), to the daemon: cold, one connector changed, nothing changed, against
# `docker build` of the equivalent Dockerfile, with a breakdown of the goal's time taken from the
# timestamps of the build's log (plugin start, base read, connectors, layers, load).
# BENCH_ONLY=kafka-connect runs only that part (no root, no registry needed).
# Needs root (to make the base image), a Docker engine and Debian's docker-registry (installed when
# missing). Environment: BENCH_RUNS, BENCH_WORK (kept when set; a temp dir otherwise), BENCH_SKIP_INSTALL=1,
# BENCH_MAVEN_REPO (the local Maven repository to install the plugin into and run it from; default
# Maven's own), BENCH_IMAGES (the repository prefix of every image the run makes and removes at its
# end; default cp-image-bench: two runs at once on one engine need different ones).
set -o errexit -o nounset -o pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=${BENCH_RUNS:-3}
images=${BENCH_IMAGES:-cp-image-bench}
if [ -n "${BENCH_WORK:-}" ]; then
  work=$BENCH_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
fi
mvn_logged=("$root/mvnw" -B)
if [ -n "${BENCH_MAVEN_REPO:-}" ]; then
  mvn_logged+=("-Dmaven.repo.local=$BENCH_MAVEN_REPO")
fi
mvn=("${mvn_logged[@]}" -q)
repo=$("${mvn[@]}" -f "$root/pom.xml" help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")
version=$("${mvn[@]}" -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout)

cleanup() {
  bash "$root/scripts/local-registry.sh" stop "$work/registry" >/dev/null 2>&1 || true
  docker images --format '{{.Repository}} {{.ID}}' | awk -v prefix="$images/" 'index($1, prefix) == 1 || index($1, "/" prefix) {print $2}' | sort -u |
    xargs -r docker rmi -f >/dev/null 2>&1 || true
  [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }

bash "$root/scripts/docker-engine.sh" >&2
if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
  log "installing the plugin into the local repository"
  "${mvn[@]}" -f "$root/pom.xml" -pl cp-image-maven-plugin -am install -DskipTests -Dinvoker.skip -Dexec.skip
fi

only=${BENCH_ONLY:-}
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
if [ "$only" = "" ]; then
# The base: the ITs' tiny busybox image, as a tar (cp-image) and in the daemon (docker build).
bash "$root/cp-image-maven-plugin/src/it/make-base.sh" "$work/base" "$java_home" >&2
docker load -q -i "$work/base/base.tar" >/dev/null
docker tag cp-image-it/base:1 $images/base:1
docker rmi cp-image-it/base:1 >/dev/null

# A free port for the registry.
port=0
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
bash "$root/scripts/local-registry.sh" start "$work/registry" "$port" >&2
registry=127.0.0.1:$port
fi

# Three connectors: connect-file (a real Connect plugin) plus a 10 MB incompressible jar each.
connect_file=$repo/org/apache/kafka/connect-file/3.9.1/connect-file-3.9.1.jar
[ -f "$connect_file" ] || "${mvn[@]}" -f "$root/pom.xml" dependency:get -Dartifact=org.apache.kafka:connect-file:3.9.1
payload() { # <project> <connector>: a new random payload jar, as after a connector release
  local dir=$work/payload-src
  rm -rf "$dir" && mkdir -p "$dir"
  head -c 10485760 /dev/urandom >"$dir/data.bin"
  "$java_home/bin/jar" --create --no-compress --file "$1/connectors/$2/payload.jar" -C "$dir" .
}
connectors() { # <project>: the three connectors
  for c in c1 c2 c3; do
    mkdir -p "$1/connectors/$c"
    cp "$connect_file" "$1/connectors/$c/"
    payload "$1" "$c"
  done
}
# The three connectors carry the same plugin classes on purpose: warn, do not fail.
CONNECTORS_XML='<strictPlugins>false</strictPlugins>
          <connectors>
            <connector><name>c1</name><file>connectors/c1</file></connector>
            <connector><name>c2</name><file>connectors/c2</file></connector>
            <connector><name>c3</name><file>connectors/c3</file></connector>
          </connectors>'
# The project's pom: <directory> <artifactId> <configuration elements>, with the three connectors.
write_pom() {
  cat >"$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.cpimage.bench</groupId>
  <artifactId>$2</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <build>
    <plugins>
      <plugin>
        <groupId>io.cpimage</groupId>
        <artifactId>cp-image-maven-plugin</artifactId>
        <version>$version</version>
        <executions><execution><goals><goal>build</goal></goals></execution></executions>
        <configuration>
          $3
          <utilityBelt><skip>true</skip></utilityBelt>
          $CONNECTORS_XML
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}
now() { date +%s.%N; }
timed() { # prints the seconds "$@" takes
  local start
  start=$(now)
  "$@"
  echo "$(now) - $start" | bc
}
declare -A samples
record() { # <case> <command...>: runs the command once, timed, and keeps the sample
  local name=$1 seconds
  shift
  seconds=$(timed "$@")
  samples[$name]="${samples[$name]:-} $seconds"
}

if [ "$only" = "" ]; then
mkdir -p "$work/project"
connectors "$work/project"

write_pom "$work/project" bench "<from><image>tar://$work/base/base.tar</image></from>
          <allowInsecureRegistries>true</allowInsecureRegistries>"
cat >"$work/project/Dockerfile" <<DOCKERFILE
FROM $images/base:1
COPY connectors/c1/ /usr/share/confluent-hub-components/c1/
COPY connectors/c2/ /usr/share/confluent-hub-components/c2/
COPY connectors/c3/ /usr/share/confluent-hub-components/c3/
DOCKERFILE

cp_image() { # <target> [cold]: one cp-image build; cold = no jib or cp-image caches at all
  if [ "${2:-}" = cold ]; then
    rm -rf "$work/project/target" "$work/xdg-cache" "$work/cp-image-cache"
  fi
  XDG_CACHE_HOME=$work/xdg-cache "${mvn[@]}" -f "$work/project/pom.xml" package "-Dcp-image.to.image=$1" \
    "-Dcp-image.downloadCache=$work/cp-image-cache" >/dev/null
}
docker_path() { # <tag> <push: yes|no> [cold]
  local flags=(-q -t "$1")
  [ "${3:-}" = cold ] && flags+=(--no-cache)
  docker build "${flags[@]}" "$work/project" >/dev/null
  if [ "$2" = yes ]; then docker push -q "$1" >/dev/null; fi
}
for ((run = 1; run <= runs; run++)); do
  log "run $run of $runs"
  # (a) cold
  record "cold daemon cp-image" cp_image "docker://$images/cpimage:cold$run" cold
  record "cold daemon docker" docker_path "$images/docker:cold$run" no cold
  record "cold registry cp-image" cp_image "$registry/$images/cpimage-cold$run:1" cold
  record "cold registry docker" docker_path "$registry/$images/docker-cold$run:1" yes cold
  # (b) one connector changed, after a warm build of the same target
  cp_image "docker://$images/cpimage:warm"
  docker_path "$images/docker:warm" no
  cp_image "$registry/$images/cpimage:warm"
  docker_path "$registry/$images/docker:warm" yes
  payload "$work/project" c2
  record "changed daemon cp-image" cp_image "docker://$images/cpimage:warm"
  record "changed daemon docker" docker_path "$images/docker:warm" no
  record "changed registry cp-image" cp_image "$registry/$images/cpimage:warm"
  record "changed registry docker" docker_path "$registry/$images/docker:warm" yes
done

printf '\n%-34s %10s %10s %7s %8s\n' "median of $runs runs (seconds)" cp-image docker ratio target
for case in "cold daemon" "cold registry" "changed daemon" "changed registry"; do
  ours=$(echo "${samples[$case cp-image]}" | median)
  theirs=$(echo "${samples[$case docker]}" | median)
  ratio=$(echo "scale=2; $ours / $theirs" | bc)
  case $case in
    cold*) target="<= 1.0" ;;
    "changed registry") target="<= 0.5" ;;
    *) target="-" ;;
  esac
  label=${case/changed/one connector changed ->}
  label=${label/cold/cold ->}
  printf '%-34s %10.2f %10.2f %7s %8s\n' "$label" "$ours" "$theirs" "$ratio" "$target"
done
fi

# The same three connectors on a real base from the daemon, to the daemon.
kc_base=cp-image/cp-kafka-connect:4.4.0
if [ "$only" = "" ] || [ "$only" = kafka-connect ]; then
  docker image inspect "$kc_base" >/dev/null 2>&1 || {
    log "no $kc_base in the daemon: run scripts/build.sh first"
    exit 1
  }
  kc=$work/kafka-connect
  mkdir -p "$kc"
  connectors "$kc"
  write_pom "$kc" bench-kafka-connect "<from><image>docker://$kc_base</image></from>
          <to><image>docker://$images/kc-cpimage:1</image></to>"
  cat >"$kc/Dockerfile" <<DOCKERFILE
FROM $kc_base
COPY connectors/c1/ /usr/share/confluent-hub-components/c1/
COPY connectors/c2/ /usr/share/confluent-hub-components/c2/
COPY connectors/c3/ /usr/share/confluent-hub-components/c3/
DOCKERFILE
  echo target >"$kc/.dockerignore"

  # Each build's log, with Maven's timestamps, gives the breakdown of the goal's time (kept in a
  # file per case: record runs the build in a subshell).
  kc_cp_image() { # <case> [cold]
    if [ "${2:-}" = cold ]; then
      rm -rf "$kc/target" "$work/xdg-cache" "$work/cp-image-cache"
    fi
    local out=$work/kc-$1-$run.log
    date +%H:%M:%S.%N >"$out"
    XDG_CACHE_HOME=$work/xdg-cache "${mvn_logged[@]}" -f "$kc/pom.xml" package \
      "-Dcp-image.downloadCache=$work/cp-image-cache" \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >>"$out"
    date +%H:%M:%S.%N >>"$out"
    breakdown "$out" >>"$work/kc-phases-$1.txt"
  }
  kc_docker() { # [cold]
    local flags=(-q -t "$images/kc-docker:1")
    [ "${1:-}" = cold ] && flags+=(--no-cache)
    docker build "${flags[@]}" "$kc" >/dev/null
  }
  # Seconds between the marks the build logs: Maven start -> the goal -> base saved (docker save)
  # -> base read (its file tree) -> base layers gzipped for jib -> connectors staged -> layers
  # (jib copies the base's layers into its cache and builds ours, then starts the load) -> loaded
  # -> Maven done. A build that does not save the base has 0 in the save and gzip columns; one
  # that finds the image up to date spends its goal in the base read column (the fingerprint:
  # the base's image ID, the connectors' checksums) and has no other marks.
  breakdown() { # <log>
    awk '
      function sec(t, p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
      NR == 1 { start = sec($1); next }
      /:build \(/ && !goal { goal = sec($1) }
      /\] Saved base image / { saved = sec($1) }
      /\] Compressing the base.s layers/ { gzip = sec($1) }
      /Base image docker:\/\/.*\(sha256:/ && !base { base = sec($1) }
      /Connector c[0-9]: / { conn = sec($1) }
      /Loading to Docker daemon/ && !load { load = sec($1) }
      /\] Loaded / { loaded = sec($1) }
      / is up to date / { up = sec($1) }
      { last = $1 }
      END {
        end = sec(last)
        if (up) { base = conn = load = loaded = up }
        if (!saved) saved = goal
        if (!gzip) gzip = base
        printf "%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f\n", goal - start, saved - goal, gzip - saved,
          base - gzip, conn - base, load - conn, loaded - load, end - loaded
      }' "$1"
  }

  for ((run = 1; run <= runs; run++)); do
    log "kafka-connect run $run of $runs, $(uptime | sed "s/.*load average/load average/")"
    record "kc cold cp-image" kc_cp_image cold cold
    record "kc cold docker" kc_docker cold
    payload "$kc" c2
    record "kc changed cp-image" kc_cp_image changed
    record "kc changed docker" kc_docker
    record "kc nothing cp-image" kc_cp_image nothing
    record "kc nothing docker" kc_docker
  done

  printf '\nFROM docker://%s, 3 connectors, to the daemon: median of %s runs (seconds)\n' "$kc_base" "$runs"
  printf '%-24s %10s %10s %7s\n' case cp-image docker ratio
  for case in cold changed nothing; do
    ours=$(echo "${samples[kc $case cp-image]}" | median)
    theirs=$(echo "${samples[kc $case docker]}" | median)
    printf '%-24s %10.2f %10.2f %7s\n' "$case" "$ours" "$theirs" "$(echo "scale=2; $ours / $theirs" | bc)"
  done
  printf '\ncp-image mvn package, medians (seconds)\n'
  printf '%-10s %8s %8s %8s %8s %8s %8s %8s %8s\n' case "Maven" save "base rd" gzip connect layers load "Mvn end"
  for case in cold changed nothing; do
    line=$case
    for column in 1 2 3 4 5 6 7 8; do
      line+=" $(awk -v c=$column '{print $c}' "$work/kc-phases-$case.txt" | tr '\n' ' ' | median)"
    done
    echo "$line" | awk '{printf "%-10s %8s %8s %8s %8s %8s %8s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
  done
  uptime
fi
