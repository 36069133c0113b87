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
# Then the matrix (BENCH_ONLY=matrix runs only it): the same three connectors on that base read
# `from` docker:// (the daemon), tar:// (a `docker save` of it) or the local registry (it pushed
# there), built `to` the daemon, the registry or a tar; each pair cold, one connector changed and
# nothing changed, against the Docker commands that give the same result in the same run: `docker
# build` (cold: --no-cache), plus `docker push` to a registry or `docker save -o` to a tar. The
# reference of a tar:// base builds FROM the same image in the daemon; that of a registry base FROM
# the registry's image, pulled once before the runs. A cold build has a new tag (a new repository
# in the registry) each run. BENCH_PAIRS lists the pairs as from-to (from docker, tar or registry;
# to daemon, registry or tar); by default docker-daemon tar-daemon registry-daemon docker-registry
# docker-tar: every from to the daemon, and docker:// to the other two (about 12 to 15 minutes
# with 3 runs on 2 quiet cores). Per pair it prints the medians, their ratio and the breakdown.
# Needs root (to make the base image and to install the registry), a Docker engine and Debian's
# docker-registry (installed when missing). Environment: BENCH_RUNS, BENCH_PAIRS, BENCH_WORK (kept
# when set; a temp dir otherwise), BENCH_SKIP_INSTALL=1,
# BENCH_MAVEN_REPO (the local Maven repository to install the plugin into and run it from; default
# Maven's own), BENCH_IMAGES (the repository prefix of every image the run makes and removes at its
# end; default cp-image-bench: two runs at once on one engine need different ones), BENCH_PAYLOAD_MB
# (the size of each connector's incompressible jar; default 10), BENCH_BASE (the real base; default
# cp-image/cp-kafka-connect:4.4.0).
set -o errexit -o nounset -o pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
runs=${BENCH_RUNS:-3}
images=${BENCH_IMAGES:-cp-image-bench}
only=${BENCH_ONLY:-}
payload_mb=${BENCH_PAYLOAD_MB:-10}
if ! [[ $payload_mb =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: BENCH_PAYLOAD_MB='$payload_mb' is no size; give whole megabytes, e.g. 100" >&2
  exit 1
fi
case $only in
  "" | kafka-connect | matrix) ;;
  *)
    echo "bench: BENCH_ONLY='$only' names no part; use kafka-connect or matrix, or unset it for all" >&2
    exit 1
    ;;
esac
read -r -a pairs <<<"${BENCH_PAIRS:-docker-daemon tar-daemon registry-daemon docker-registry docker-tar}"
for pair in "${pairs[@]}"; do
  if ! [[ $pair =~ ^(docker|tar|registry)-(daemon|registry|tar)$ ]]; then
    echo "bench: BENCH_PAIRS: '$pair' is no pair; write from-to, from docker, tar or registry and to" \
      "daemon, registry or tar (e.g. BENCH_PAIRS='docker-daemon tar-registry')" >&2
    exit 1
  fi
done
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
  # By name, not by ID: the matrix's registry base shares its ID with the base the run must keep,
  # and removing a name that other names share only removes that name.
  docker images --format '{{.Repository}} {{.Tag}}' |
    awk -v prefix="$images/" '(index($1, prefix) == 1 || index($1, "/" prefix)) && $2 != "<none>" {print $1 ":" $2}' |
    xargs -r docker rmi -f >/dev/null 2>&1 || true
  # The images a name of the run left when a later build took it: removed once no name is left.
  sort -u "$work/image-ids" 2>/dev/null | while read -r id; do
    [ "$(docker image inspect -f '{{len .RepoTags}}' "$id" 2>/dev/null)" = 0 ] && docker rmi "$id" >/dev/null 2>&1
  done || true
  [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }
remember_image() { # <name>: keeps the ID the name has in the daemon now, for cleanup
  docker image inspect -f '{{.Id}}' "$1" >>"$work/image-ids" 2>/dev/null || true
}

bash "$root/scripts/docker-engine.sh" >&2
if [ "${BENCH_SKIP_INSTALL:-}" != 1 ]; then
  log "installing the plugin into the local repository"
  "${mvn[@]}" -f "$root/pom.xml" -pl cp-image-maven-plugin -am install -DskipTests -Dinvoker.skip -Dexec.skip
fi

java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
if [ "$only" = "" ]; then
# The base: the ITs' tiny busybox image, as a tar (cp-image) and in the daemon (docker build).
bash "$root/cp-image-maven-plugin/src/it/make-base.sh" "$work/base" "$java_home" >&2
docker load -q -i "$work/base/base.tar" >/dev/null
docker tag cp-image-it/base:1 $images/base:1
docker rmi cp-image-it/base:1 >/dev/null
fi

if [ "$only" = "" ] || [ "$only" = matrix ]; then
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

# Three connectors: connect-file (a real Connect plugin) plus an incompressible jar each
# (BENCH_PAYLOAD_MB, 10 MB by default).
connect_file=$repo/org/apache/kafka/connect-file/3.9.1/connect-file-3.9.1.jar
[ -f "$connect_file" ] || "${mvn[@]}" -f "$root/pom.xml" dependency:get -Dartifact=org.apache.kafka:connect-file:3.9.1
payload() { # <project> <connector>: a new random payload jar, as after a connector release
  local dir=$work/payload-src
  rm -rf "$dir" && mkdir -p "$dir"
  head -c $((payload_mb * 1048576)) /dev/urandom >"$dir/data.bin"
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
dockerfile() { # <project> <FROM>: the Dockerfile equivalent of the three connectors, for docker build
  cat >"$1/Dockerfile" <<DOCKERFILE
FROM $2
COPY connectors/c1/ /usr/share/confluent-hub-components/c1/
COPY connectors/c2/ /usr/share/confluent-hub-components/c2/
COPY connectors/c3/ /usr/share/confluent-hub-components/c3/
DOCKERFILE
}
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
          $CONNECTORS_XML
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
}
now() { date +%s.%N; }
# A build that fails ends the bench: its figure would be the time to fail. errexit does not reach
# into the command substitution that runs it, so each step returns its failure and timed passes it on.
timed() { # prints the seconds "$@" takes
  local start
  start=$(now)
  "$@" || return
  echo "$(now) - $start" | bc
}
failed() { # <log>: says that the build of that log failed, shows its end, and fails
  log "a build failed, so the bench stops; the end of its log ($1):"
  tail -n 25 "$1" >&2
  return 1
}
declare -A samples
record() { # <case> <command...>: runs the command once, timed, and keeps the sample
  local name=$1 seconds
  shift
  seconds=$(timed "$@")
  samples[$name]="${samples[$name]:-} $seconds"
}

# The breakdown of a logged build (Maven's timestamps, -Dorg.slf4j.simpleLogger.showDateTime): the
# seconds between the lines that end its steps. The marks, as awk regular expressions on the
# engine's and jib's wording (ImageBuild, BaseImages, ContainerBuild, DaemonLoad, jib's steps): when
# a log line changes, change its mark here. A mark is the first line that matches; "last", the last
# one; "early", the first one before the base's line (a pull writes a tar as a tar target does).
# The output ends at the daemon's load, or at the layer table (a push or a tar: no line of their own).
BREAKDOWN_MARKS='
goal        :build \(
fetched     early \] (Saved base image |Building image to tar file)
gzip        \] Compress(ing|ed) the base.s layers
base        \] Base image [^ ]+ \(sha256:
connectors  last \] Connector c[0-9]:
output      last (Loading to Docker daemon|\] Pushing |Building image to tar file)
done        (\] Loaded |\] layer +size +reused or new)
up-to-date  is up to date \('
# The columns: Maven start (to the goal's line) | fetch: `docker save` of a docker:// base (its
# layers gzipped for jib as the save streams, so the gzip column stays near 0 there), or a
# registry base's download into jib's cache | base read (its file tree, and a pulled base's tar;
# with nothing changed, the up-to-date check) | gzip: the base's layers for jib | connectors staged
# | layers (jib caches the base's layers, builds ours) | output: `docker load`, the push (from
# jib's start: it pushes while it builds, so "layers" holds only the plan) or the tar | Maven end.
# A step a build does not take (no save, no gzip) shows 0; a build that finds its image up to date
# has only the first, third and last columns.
breakdown() { # <log>: prints the 8 columns
  marks=$BREAKDOWN_MARKS awk '
    function sec(t, p) { split(t, p, ":"); return p[1] * 3600 + p[2] * 60 + p[3] }
    BEGIN {
      n = split(ENVIRON["marks"], lines, "\n")
      for (i = 1; i <= n; i++) {
        if (lines[i] !~ /[^ ]/) continue
        name = lines[i]; sub(/ .*/, "", name)
        pattern = lines[i]; sub(/^[^ ]+ +/, "", pattern)
        which[name] = "first"
        if (pattern ~ /^(last|early) /) {
          which[name] = pattern; sub(/ .*/, "", which[name]); sub(/^[^ ]+ /, "", pattern)
        }
        regex[name] = pattern
      }
    }
    NR == 1 { start = sec($1); next }
    {
      for (name in regex) {
        if ($0 !~ regex[name]) continue
        taken = name in at || (which[name] == "early" && "base" in at)
        if (which[name] == "last" || !taken) at[name] = sec($1)
      }
      last = $1
    }
    END {
      end = sec(last)
      goal = at["goal"]
      if ("up-to-date" in at) {
        at["base"] = at["connectors"] = at["output"] = at["done"] = at["up-to-date"]
      }
      fetched = "fetched" in at ? at["fetched"] : goal
      gzip = "gzip" in at ? at["gzip"] : at["base"]
      printf "%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f\n", goal - start, fetched - goal, gzip - fetched,
        at["base"] - gzip, at["connectors"] - at["base"], at["output"] - at["connectors"],
        at["done"] - at["output"], end - at["done"]
    }' "$1"
}
phase_medians() { # <file of breakdown lines>: the median of each of its 8 columns
  local line="" column
  for column in 1 2 3 4 5 6 7 8; do
    line+=" $(awk -v c=$column '{print $c}' "$1" | tr '\n' ' ' | median)"
  done
  echo "$line"
}

if [ "$only" = "" ]; then
mkdir -p "$work/project"
connectors "$work/project"

# The busybox base holds no utility belt, and the Dockerfile adds none: neither does cp-image here.
write_pom "$work/project" bench "<from><image>tar://$work/base/base.tar</image></from>
          <allowInsecureRegistries>true</allowInsecureRegistries>
          <utilityBelt><skip>true</skip></utilityBelt>"
dockerfile "$work/project" "$images/base:1"

cp_image() { # <target> [cold]: one cp-image build; cold = no jib or cp-image caches at all
  if [ "${2:-}" = cold ]; then
    rm -rf "$work/project/target" "$work/xdg-cache" "$work/cp-image-cache"
  fi
  XDG_CACHE_HOME=$work/xdg-cache "${mvn[@]}" -f "$work/project/pom.xml" package "-Dcp-image.to.image=$1" \
    "-Dcp-image.downloadCache=$work/cp-image-cache" >"$work/project.log" || failed "$work/project.log"
}
docker_path() { # <tag> <push: yes|no> [cold]
  local flags=(-q -t "$1")
  [ "${3:-}" = cold ] && flags+=(--no-cache)
  docker build "${flags[@]}" "$work/project" >/dev/null || return
  if [ "$2" = yes ]; then docker push -q "$1" >/dev/null || return; fi
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

# The same three connectors on a real base from the daemon, to the daemon. The projects keep the
# default <utilityBelt>, as users do: the base holds this plugin's belt, so no layer of it is added,
# and the image is the Dockerfile's. BENCH_BASE names another base (the images a change was built
# from, say, to run the plugin before it on the base it built).
kc_base=${BENCH_BASE:-cp-image/cp-kafka-connect:4.4.0}
if [ "$only" = "" ] || [ "$only" = kafka-connect ]; then
  docker image inspect "$kc_base" >/dev/null 2>&1 || {
    log "no $kc_base in the daemon: run scripts/build.sh first"
    exit 1
  }
  kc=$work/kafka-connect
  mkdir -p "$kc"
  rm -f "$work"/kc-phases-*.txt
  connectors "$kc"
  write_pom "$kc" bench-kafka-connect "<from><image>docker://$kc_base</image></from>
          <to><image>docker://$images/kc-cpimage:1</image></to>"
  dockerfile "$kc" "$kc_base"
  echo target >"$kc/.dockerignore"

  # Each build's log, with Maven's timestamps, gives the breakdown of the goal's time (kept in a
  # file per case: record runs the build in a subshell).
  kc_cp_image() { # <case> [cold]
    if [ "${2:-}" = cold ]; then
      # The last run's image too: a daemon holding its layers would make the load skip them all.
      docker rmi -f "$images/kc-cpimage:1" >/dev/null 2>&1 || true
      rm -rf "$kc/target" "$work/xdg-cache" "$work/cp-image-cache"
    fi
    local out=$work/kc-$1-$run.log
    date +%H:%M:%S.%N >"$out"
    XDG_CACHE_HOME=$work/xdg-cache "${mvn_logged[@]}" -f "$kc/pom.xml" package \
      "-Dcp-image.downloadCache=$work/cp-image-cache" \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >>"$out" ||
      failed "$out" || return
    date +%H:%M:%S.%N >>"$out"
    breakdown "$out" >>"$work/kc-phases-$1.txt"
  }
  kc_docker() { # [cold]
    local flags=(-q -t "$images/kc-docker:1")
    if [ "${1:-}" = cold ]; then
      docker rmi -f "$images/kc-docker:1" >/dev/null 2>&1 || true
      flags+=(--no-cache)
    fi
    docker build "${flags[@]}" "$kc" >/dev/null || return
  }
  for ((run = 1; run <= runs; run++)); do
    log "kafka-connect run $run of $runs, $(uptime | sed "s/.*load average/load average/")"
    record "kc cold cp-image" kc_cp_image cold cold
    record "kc cold docker" kc_docker cold
    remember_image "$images/kc-cpimage:1"
    remember_image "$images/kc-docker:1"
    payload "$kc" c2
    record "kc changed cp-image" kc_cp_image changed
    record "kc changed docker" kc_docker
    record "kc nothing cp-image" kc_cp_image nothing
    record "kc nothing docker" kc_docker
    remember_image "$images/kc-cpimage:1"
    remember_image "$images/kc-docker:1"
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
    echo "$case $(phase_medians "$work/kc-phases-$case.txt")" | awk '{printf "%-10s %8s %8s %8s %8s %8s %8s %8s %8s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9}'
  done
  uptime
fi

# The matrix: the same three connectors on that base, from each kind of base to each kind of target.
if [ "$only" = "" ] || [ "$only" = matrix ]; then
  docker image inspect "$kc_base" >/dev/null 2>&1 || {
    log "no $kc_base in the daemon: run scripts/build.sh first"
    exit 1
  }
  mx=$work/matrix
  mkdir -p "$mx/out"
  # The bases the pairs read, made once: a docker save of the base, and the base in the registry
  # (removed from the daemon and pulled back, as a Dockerfile's FROM of it would have it).
  registry_base=$registry/$images/kc-base:4.4.0
  for pair in "${pairs[@]}"; do
    case ${pair%-*} in
      tar)
        if [ ! -f "$mx/base.tar" ]; then
          log "saving $kc_base to a tar for the tar:// pairs"
          docker save -o "$mx/base.tar" "$kc_base"
        fi
        ;;
      registry)
        if ! docker image inspect "$registry_base" >/dev/null 2>&1; then
          log "pushing $kc_base to $registry_base for the registry pairs"
          docker tag "$kc_base" "$registry_base"
          docker push -q "$registry_base" >/dev/null
          docker rmi "$registry_base" >/dev/null
          docker pull -q "$registry_base" >/dev/null
        fi
        ;;
    esac
  done

  # One project per pair: the pom reads the pair's base; the Dockerfile starts FROM what the
  # Docker reference has of it.
  for pair in "${pairs[@]}"; do
    case ${pair%-*} in
      docker) from_image=docker://$kc_base docker_from=$kc_base ;;
      tar) from_image=tar://$mx/base.tar docker_from=$kc_base ;;
      registry) from_image=$registry_base docker_from=$registry_base ;;
    esac
    project=$mx/$pair
    mkdir -p "$project/logs"
    connectors "$project"
    write_pom "$project" "bench-$pair" "<from><image>$from_image</image></from>
          <allowInsecureRegistries>true</allowInsecureRegistries>"
    dockerfile "$project" "$docker_from"
    echo target >"$project/.dockerignore"
  done

  # <pair>: the target of run $run, cp-image's and the reference's. A daemon or registry target
  # is new each run: one named by an earlier run would hold the layers a cold build is to make.
  cp_image_target() {
    case ${1#*-} in
      daemon) echo "docker://$images/mx-$1-cpimage:$run" ;;
      registry) echo "$registry/$images/mx-$1-cpimage-$run:1" ;;
      tar) echo "tar://$mx/out/$1-cpimage.tar" ;;
    esac
  }
  docker_target() {
    case ${1#*-} in
      registry) echo "$registry/$images/mx-$1-docker-$run:1" ;;
      *) echo "$images/mx-$1-docker:$run" ;;
    esac
  }
  mx_cp_image() { # <pair> <case>: one logged build; cold without any of jib's or cp-image's caches
    local project=$mx/$1 out=$mx/$1/logs/$2-$run.log
    if [ "$2" = cold ]; then
      rm -rf "$project/target" "$mx/xdg-cache" "$mx/cp-image-cache"
    fi
    date +%H:%M:%S.%N >"$out"
    XDG_CACHE_HOME=$mx/xdg-cache "${mvn_logged[@]}" -f "$project/pom.xml" package \
      "-Dcp-image.to.image=$(cp_image_target "$1")" "-Dcp-image.downloadCache=$mx/cp-image-cache" \
      -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS >>"$out" ||
      failed "$out" || return
    date +%H:%M:%S.%N >>"$out"
    breakdown "$out" >>"$mx/$1/phases-$2.txt"
  }
  mx_docker() { # <pair> <case>: docker build, then docker push to a registry or docker save to a tar
    local tag flags
    tag=$(docker_target "$1")
    flags=(-q -t "$tag")
    [ "$2" = cold ] && flags+=(--no-cache)
    docker build "${flags[@]}" "$mx/$1" >/dev/null || return
    case ${1#*-} in
      registry) docker push -q "$tag" >/dev/null || return ;;
      tar) docker save -o "$mx/out/$1-docker.tar" "$tag" || return ;;
    esac
  }
  for ((run = 1; run <= runs; run++)); do
    for pair in "${pairs[@]}"; do
      log "matrix run $run of $runs, $pair, $(uptime | sed "s/.*load average/load average/")"
      record "mx $pair cold cp-image" mx_cp_image "$pair" cold
      record "mx $pair cold docker" mx_docker "$pair" cold
      remember_image "$(cp_image_target "$pair" | sed 's|^docker://||')"
      remember_image "$(docker_target "$pair")"
      payload "$mx/$pair" c2
      record "mx $pair changed cp-image" mx_cp_image "$pair" changed
      record "mx $pair changed docker" mx_docker "$pair" changed
      record "mx $pair nothing cp-image" mx_cp_image "$pair" nothing
      record "mx $pair nothing docker" mx_docker "$pair" nothing
    done
  done

  printf '\nFROM %s + 3 connectors, from -> to: median of %s runs (seconds); mvn package split\n' "$kc_base" "$runs"
  printf '%-20s %-8s %8s %8s %6s | %6s %6s %7s %6s %7s %6s %6s %7s\n' "from -> to" case cp-image docker ratio \
    Maven fetch "base rd" gzip connect layers output "Mvn end"
  for pair in "${pairs[@]}"; do
    for case in cold changed nothing; do
      ours=$(echo "${samples[mx $pair $case cp-image]}" | median)
      theirs=$(echo "${samples[mx $pair $case docker]}" | median)
      read -r -a phases <<<"$(phase_medians "$mx/$pair/phases-$case.txt")"
      printf '%-20s %-8s %8.2f %8.2f %6.2f | %6s %6s %7s %6s %7s %6s %6s %7s\n' "${pair/-/ -> }" "$case" \
        "$ours" "$theirs" "$(echo "scale=2; $ours / $theirs" | bc)" "${phases[@]}"
    done
  done
  printf '\nReference: docker build (cold: --no-cache), then docker push to a registry or docker save -o to a tar.\n'
  if [[ " ${pairs[*]}" == *" tar-"* ]]; then
    printf 'tar -> *: the base is a docker save of %s; the reference builds FROM it in the daemon.\n' "$kc_base"
  fi
  if [[ " ${pairs[*]}" == *" registry-"* ]]; then
    printf 'registry -> *: the base is %s pushed to %s; the reference builds FROM it there (pulled once).\n' \
      "$kc_base" "$registry"
  fi
  printf 'After |: cp-image'"'"'s mvn package, split by its log'"'"'s timestamps (BREAKDOWN_MARKS in bench/build.sh).\n'
  uptime
fi
