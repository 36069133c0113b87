#!/usr/bin/env bash
# Benchmark: cp-image:build against `docker build` (+ `docker push`) of the equivalent Dockerfile, for
# an extension with three connectors (~30 MB) on one base. Cases: (a) a cold build, (b) a rebuild
# after one connector jar changed; each to the Docker daemon and to a local registry. Prints the
# median of BENCH_RUNS runs (default 3) per case and the ratio cp-image / docker.
# Targets (issue 3): (b) to the registry at most 0.5x the Docker path, (a) at most 1.0x.
# Needs root (to make the base image), a Docker engine and Debian's docker-registry (installed when
# missing). Environment: BENCH_RUNS, BENCH_WORK (kept when set; a temp dir otherwise), BENCH_SKIP_INSTALL=1.
set -o errexit -o nounset -o pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${BENCH_RUNS:-3}
if [ -n "${BENCH_WORK:-}" ]; then
  work=$BENCH_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
fi
mvn=("$root/mvnw" -B -q)
repo=$("${mvn[@]}" -f "$root/pom.xml" help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || echo "$HOME/.m2/repository")
version=$("${mvn[@]}" -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout)

cleanup() {
  bash "$root/scripts/local-registry.sh" stop "$work/registry" >/dev/null 2>&1 || true
  docker images --format '{{.Repository}} {{.ID}}' | awk '$1 ~ /(^|\/)cp-image-bench\// {print $2}' | sort -u |
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

# The base: the ITs' tiny busybox image, as a tar (cp-image) and in the daemon (docker build).
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
bash "$root/cp-image-maven-plugin/src/it/make-base.sh" "$work/base" "$java_home" >&2
docker load -q -i "$work/base/base.tar" >/dev/null
docker tag cp-image-it/base:1 cp-image-bench/base:1
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

# Three connectors: connect-file (a real Connect plugin) plus a 10 MB incompressible jar each.
connect_file=$repo/org/apache/kafka/connect-file/3.9.1/connect-file-3.9.1.jar
[ -f "$connect_file" ] || "${mvn[@]}" -f "$root/pom.xml" dependency:get -Dartifact=org.apache.kafka:connect-file:3.9.1
payload() { # <connector>: a new random payload jar, as after a connector release
  local dir=$work/payload-src
  rm -rf "$dir" && mkdir -p "$dir"
  head -c 10485760 /dev/urandom >"$dir/data.bin"
  "$java_home/bin/jar" --create --no-compress --file "$work/project/connectors/$1/payload.jar" -C "$dir" .
}
mkdir -p "$work/project"
for c in c1 c2 c3; do
  mkdir -p "$work/project/connectors/$c"
  cp "$connect_file" "$work/project/connectors/$c/"
  payload "$c"
done

cat >"$work/project/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.cpimage.bench</groupId>
  <artifactId>bench</artifactId>
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
          <from><image>tar://$work/base/base.tar</image></from>
          <allowInsecureRegistries>true</allowInsecureRegistries>
          <utilityBelt><skip>true</skip></utilityBelt>
          <!-- The three connectors carry the same plugin classes on purpose: warn, do not fail. -->
          <strictPlugins>false</strictPlugins>
          <connectors>
            <connector><name>c1</name><file>connectors/c1</file></connector>
            <connector><name>c2</name><file>connectors/c2</file></connector>
            <connector><name>c3</name><file>connectors/c3</file></connector>
          </connectors>
        </configuration>
      </plugin>
    </plugins>
  </build>
</project>
POM
cat >"$work/project/Dockerfile" <<'DOCKERFILE'
FROM cp-image-bench/base:1
COPY connectors/c1/ /usr/share/confluent-hub-components/c1/
COPY connectors/c2/ /usr/share/confluent-hub-components/c2/
COPY connectors/c3/ /usr/share/confluent-hub-components/c3/
DOCKERFILE

now() { date +%s.%N; }
cp_image() { # <target> [cold]: one cp-image build; cold = no jib caches at all
  if [ "${2:-}" = cold ]; then
    rm -rf "$work/project/target" "$work/xdg-cache"
  fi
  XDG_CACHE_HOME=$work/xdg-cache "${mvn[@]}" -f "$work/project/pom.xml" package "-Dcp-image.to.image=$1" >/dev/null
}
docker_path() { # <tag> <push: yes|no> [cold]
  local flags=(-q -t "$1")
  [ "${3:-}" = cold ] && flags+=(--no-cache)
  docker build "${flags[@]}" "$work/project" >/dev/null
  if [ "$2" = yes ]; then docker push -q "$1" >/dev/null; fi
}
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

for ((run = 1; run <= runs; run++)); do
  log "run $run of $runs"
  # (a) cold
  record "cold daemon cp-image" cp_image "docker://cp-image-bench/cpimage:cold$run" cold
  record "cold daemon docker" docker_path "cp-image-bench/docker:cold$run" no cold
  record "cold registry cp-image" cp_image "$registry/cp-image-bench/cpimage-cold$run:1" cold
  record "cold registry docker" docker_path "$registry/cp-image-bench/docker-cold$run:1" yes cold
  # (b) one connector changed, after a warm build of the same target
  cp_image "docker://cp-image-bench/cpimage:warm"
  docker_path cp-image-bench/docker:warm no
  cp_image "$registry/cp-image-bench/cpimage:warm"
  docker_path "$registry/cp-image-bench/docker:warm" yes
  payload c2
  record "changed daemon cp-image" cp_image "docker://cp-image-bench/cpimage:warm"
  record "changed daemon docker" docker_path cp-image-bench/docker:warm no
  record "changed registry cp-image" cp_image "$registry/cp-image-bench/cpimage:warm"
  record "changed registry docker" docker_path "$registry/cp-image-bench/docker:warm" yes
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
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
