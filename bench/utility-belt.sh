#!/usr/bin/env bash
# Start-up benchmark of the Java utility belt against Python, as boot scripts call it.
#
# Times, RUNS times each (default 15), through the launchers: `dub ensure`, `dub path`, `dub template`,
# the three chained in one call as configure runs them (`dub ensure … ';' path … ';' template …`, where
# the belt has chains), and `ub ensure`, `ub path`, `ub render-template`, the templates turning 5 KAFKA_ variables into
# properties (env_to_props / envToProps). Beside each verb, measured in the same run: Confluent's
# Python dub where it is installed (`dub` of confluent-docker-utils on the PATH), else the floor any
# Python dub pays before it does anything, `python3 -c 'import jinja2'` (Debian's python3-jinja2,
# installed when missing). Prints median wall and CPU time and the ratios belt / Python (target: wall
# at most 1.0x each; on a loaded machine the CPU ratio is the steadier one).
#
# It measures on the host (the jar of utility-belt/target, its launchers, the host's java), then
# inside each image of IMAGES (default: cp-kafka of both lines, 4.x on JDK 25, 3.9 on JDK 17), as
# the image's user, with the image's jar, archives and launchers; python3-jinja2 is installed into
# the throwaway container first (as root, from Debian's mirror).
#
# With BASELINE_REPOSITORY set (the images of another build, e.g. the code before a change built with
# -Dimages.repository=cp-image-before), each image of IMAGES is then also measured against that
# repository's image of the same name, round by round: each of RUNS rounds times one call of a verb in
# a container of each image, the two in turn (which goes first alternates), and the benchmark prints
# both medians and their ratio. Two tables measured one after the other drift with the machine's load
# by more than a launcher change moves; pairs in one run do not.
#
# Usage: bench/utility-belt.sh              (after ./mvnw -pl utility-belt package)
#        RUNS=30 IMAGES="cp-image/cp-kafka:4.4.0" bench/utility-belt.sh
#        BASELINE_REPOSITORY=cp-image-before IMAGES="cp-image/cp-kafka:4.4.0" bench/utility-belt.sh
#        bench/utility-belt.sh --here       (only the current machine or container)
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

runs=${RUNS:-15}

# The inputs of the templates in the directory $1: 5 KAFKA_ settings, the size of a minimal broker's,
# for env_to_props (dub) and envToProps (ub).
template_inputs() {
  export KAFKA_PROCESS_ROLES=broker,controller KAFKA_NODE_ID=1 KAFKA_LISTENERS=PLAINTEXT://0.0.0.0:9092
  export KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092 KAFKA_LOG_DIRS=/var/lib/kafka/data
  printf '%s\n' "{% for name, value in env_to_props('KAFKA_', '').items() -%}" '{{name}}={{value}}' \
    '{% endfor -%}' > "$1/kafka.properties.template"
  printf '%s\n' '{{- range $name, $value := envToProps "KAFKA_" "" (stringSlice) (stringSlice) (stringSlice) }}' \
    '{{ $name }}={{ $value }}' '{{- end }}' > "$1/kafka.properties.gotemplate"
}

# The verbs timed, by name: `verb_args <name> <work>` sets VERB_ARGS to the launcher's name and its
# arguments, with the templates in <work>. The paired rounds time those that start from an AOT cache
# on the Kafka 4 line, and dub ensure, which starts without one.
readonly PAIRED_VERBS=(dub-ensure dub-template dub-chain ub-render-template)
verb_args() {
  local work=$2
  case $1 in
    dub-ensure | ub-ensure) VERB_ARGS=("${1%%-*}" ensure KAFKA_NODE_ID) ;;
    dub-path | ub-path) VERB_ARGS=("${1%%-*}" path "$work" writable) ;;
    dub-template) VERB_ARGS=(dub template "$work/kafka.properties.template" "$work/kafka.properties") ;;
    dub-chain)
      VERB_ARGS=(dub ensure KAFKA_NODE_ID ';' path "$work" writable ';'
        template "$work/kafka.properties.template" "$work/kafka.properties")
      ;;
    ub-render-template) VERB_ARGS=(ub render-template "$work/kafka.properties.gotemplate") ;;
    *) echo "bench: no verb '$1'" >&2; return 1 ;;
  esac
}

# One measurement of every verb where this script runs. Launchers come from BELT_BIN (default: the
# module's src/main/bin, with UTILITY_BELT_JAR pointing at the built jar).
measure_here() {
  local bin=${BELT_BIN:-$PWD/utility-belt/src/main/bin}
  local work
  work=$(mktemp -d)
  # EXIT, not RETURN: a failing step ends the script through errexit, which skips RETURN traps.
  # The path is expanded now: by the time an EXIT trap runs, this function's locals are gone.
  trap "rm -rf '$work'" EXIT
  template_inputs "$work"

  # Debian's python3 (a pyenv or venv python3 first on the PATH would add its own start-up).
  local python=(/usr/bin/python3 -c 'import jinja2') python_name="python3 -c 'import jinja2'"
  local python_dub=()
  if command -v dub > /dev/null && head -n 1 "$(command -v dub)" | grep -q python; then
    python_dub=("$(command -v dub)")
  fi
  if [[ ${#python_dub[@]} -eq 0 ]] && ! "${python[@]}" 2> /dev/null; then
    echo "Installing Debian's python3-jinja2 (the Python floor) ..." >&2
    apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-jinja2 > /dev/null
  fi

  "$bin/dub" template "$work/kafka.properties.template" "$work/kafka.properties"
  # Images built before ub was added have none.
  local has_ub=false
  if [[ -x $bin/ub ]]; then
    has_ub=true
    "$bin/ub" render-template "$work/kafka.properties.gotemplate" > "$work/ub.properties"
    cmp -s <(sort "$work/kafka.properties") <(grep . "$work/ub.properties" | sort) \
      || { echo "dub and ub rendered different properties" >&2; exit 1; }
  fi
  local archives bare_ms bare_cpu
  archives=$(cd "$(dirname "$UTILITY_BELT_JAR")" && { ls utility-belt.*.aot utility-belt.jsa 2> /dev/null || true; } | tr '\n' ' ')
  local bare
  bare=$(medians java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version)
  read -r bare_ms bare_cpu <<< "$bare"
  echo "$(java -version 2>&1 | head -n 1); start-up archives next to the jar: ${archives:-none}"
  echo "$(wc -l < "$work/kafka.properties") properties rendered; $runs runs each;" \
    "a bare JVM (java -version): $bare_ms ms wall, $bare_cpu ms cpu;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
  printf '%-20s %8s %8s   %-28s %8s %8s   %s\n' "median" wall cpu "reference" wall cpu "belt/ref wall (cpu)"

  local reference ref_ms ref_cpu
  if [[ ${#python_dub[@]} -gt 0 ]]; then
    reference="Confluent's Python dub"
  else
    reference=$python_name
    local floor
    floor=$(medians "${python[@]}")
    read -r ref_ms ref_cpu <<< "$floor"
  fi
  row() { # VERB (a name of verb_args)
    local name=${1/-/ } ms cpu measured
    verb_args "$1" "$work"
    measured=$(medians "$bin/${VERB_ARGS[0]}" "${VERB_ARGS[@]:1}")
    read -r ms cpu <<< "$measured"
    if [[ ${#python_dub[@]} -gt 0 ]]; then
      measured=$(medians "${python_dub[@]}" "${VERB_ARGS[@]:1}")
      read -r ref_ms ref_cpu <<< "$measured"
    fi
    awk -v n="$name" -v a="$ms" -v c="$cpu" -v r="$reference" -v b="$ref_ms" -v d="$ref_cpu" \
      'BEGIN { printf "%-20s %5d ms %5d ms   %-28s %5d ms %5d ms   %4.2fx (%4.2fx) %s\n", n, a, c, r, b, d, a / b, c / d, (a <= b ? "ok" : "OVER") }'
  }
  row dub-ensure
  row dub-path
  row dub-template
  # What a configure script runs: its checks and its templates chained in one call (one JVM start),
  # against one Python start, where Confluent's configure starts Python once per call (Confluent's dub
  # has no chains: beside it, the row is left out).
  if [[ ${#python_dub[@]} -eq 0 ]] && "$bin/dub" ensure KAFKA_NODE_ID ';' path "$work" writable > /dev/null 2>&1; then
    row dub-chain
  fi
  if $has_ub; then
    row ub-ensure
    row ub-path
    row ub-render-template
  fi
  rm -rf "$work"
  trap - EXIT
}

# Runs the command RUNS times; prints the median wall time and the median CPU time (user + system,
# all threads), both in ms. CPU time barely moves when other jobs load the machine; wall time does.
medians() {
  local samples TIMEFORMAT='%3R %3U %3S'
  samples=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    # A command that fails is no figure: the bench stops rather than time its failure.
    { time "$@" > /dev/null 2>&1; } 2>> "$samples" || {
      rm -f "$samples"
      echo "bench: '$*' failed; run it by hand to see why" >&2
      return 1
    }
  done
  local middle=$(((runs + 1) / 2))
  echo "$(awk '{ print $1 * 1000 }' "$samples" | sort -n | sed -n "${middle}p")" \
    "$(awk '{ print ($2 + $3) * 1000 }' "$samples" | sort -n | sed -n "${middle}p")"
  rm -f "$samples"
}

# The same measurement inside a throwaway container of the image, as its user.
measure_in_image() {
  local image=$1 id
  id=$(docker run -d --rm --user root --label io.cpimage.testing=true --entrypoint sleep \
    -v "$PWD/bench:/bench:ro" "$image" infinity)
  trap "docker rm -f -v $id > /dev/null" EXIT
  docker exec -e DEBIAN_FRONTEND=noninteractive "$id" \
    bash -c 'apt-get update -qq && apt-get install -y -qq python3-jinja2' > /dev/null 2>&1 \
    || { echo "could not install python3-jinja2 in $image" >&2; return 1; }
  echo
  echo "== in $image"
  docker exec --user appuser -e RUNS="$runs" -e BELT_BIN=/usr/local/bin -w /tmp "$id" \
    bash -c 'UTILITY_BELT_JAR=/usr/share/java/cp-image-utility-belt/utility-belt.jar bash /bench/utility-belt.sh --here'
  docker rm -f -v "$id" > /dev/null
  trap - EXIT
}

# One timed call of a verb of PAIRED_VERBS inside this container: prints its wall and CPU ms. An
# untimed call goes first: while `docker exec` sets up, the engine's own processes take the CPUs, which
# slowed the call that followed at once by 40-50 ms (and a container's first call reads the jar and
# its caches from disk).
once_here() {
  local work TIMEFORMAT='%3R %3U %3S' times
  work=$(mktemp -d)
  template_inputs "$work"
  verb_args "$1" "$work"
  "/usr/local/bin/${VERB_ARGS[0]}" "${VERB_ARGS[@]:1}" > /dev/null 2>&1 || true
  times=$({ time "/usr/local/bin/${VERB_ARGS[0]}" "${VERB_ARGS[@]:1}" > /dev/null 2>&1; } 2>&1) \
    || { echo "bench: $1 failed in $(hostname)" >&2; return 1; }
  rm -rf "$work"
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<< "$times"
}

# IMAGE against BASELINE_IMAGE, verb by verb, in RUNS rounds of one call in each (see the header).
measure_paired() {
  local image=$1 baseline=$2 after before verb round first second container samples
  after=$(docker run -d --rm --label io.cpimage.testing=true --entrypoint sleep \
    -v "$PWD/bench:/bench:ro" "$image" infinity)
  before=$(docker run -d --rm --label io.cpimage.testing=true --entrypoint sleep \
    -v "$PWD/bench:/bench:ro" "$baseline" infinity)
  trap "docker rm -f -v $after $before > /dev/null" EXIT
  samples=$(mktemp -d)
  echo
  echo "== $image against $baseline: $runs paired rounds, which goes first alternating;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-20s %14s %14s   %-16s %s\n' "median wall / cpu" "this image" "baseline" "ratio wall (cpu)" \
    "paired difference wall / cpu"
  for verb in "${PAIRED_VERBS[@]}"; do
    for ((round = 0; round < runs; round++)); do
      first=$after second=$before
      if ((round % 2)); then first=$before second=$after; fi
      for container in $first $second; do
        docker exec "$container" bash /bench/utility-belt.sh --once "$verb" >> "$samples/$container"
      done
    done
    awk -v n="$verb" -v runs="$runs" '
      FNR == 1 { file++ }
      { wall[file, FNR] = $1; cpu[file, FNR] = $2 }
      # kind: wall or cpu; f: 1 (this image), 2 (the baseline) or 0 (this image less the baseline,
      # round by round, which takes out what the load did to both calls of a round).
      function median(kind, f,   i, j, t, v) {
        for (i = 1; i <= runs; i++) {
          if (f) v[i] = kind == "wall" ? wall[f, i] : cpu[f, i]
          else v[i] = kind == "wall" ? wall[1, i] - wall[2, i] : cpu[1, i] - cpu[2, i]
        }
        for (i = 1; i <= runs; i++) for (j = i + 1; j <= runs; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        return v[int((runs + 1) / 2)]
      }
      END {
        a = median("wall", 1); c = median("cpu", 1); b = median("wall", 2); d = median("cpu", 2)
        printf "%-20s %5d / %4d ms %5d / %4d ms   %4.2fx (%4.2fx)    %+4d / %+4d ms\n", n, a, c, b, d,
          a / b, c / d, median("wall", 0), median("cpu", 0)
      }' "$samples/$after" "$samples/$before"
    rm -f "$samples/$after" "$samples/$before"
  done
  rm -rf "$samples"
  docker rm -f -v "$after" "$before" > /dev/null
  trap - EXIT
}

if [[ ${1:-} == --here ]]; then
  export UTILITY_BELT_JAR=${UTILITY_BELT_JAR:-/usr/share/java/cp-image-utility-belt/utility-belt.jar}
  measure_here
  exit
fi
if [[ ${1:-} == --once ]]; then
  once_here "$2"
  exit
fi

export UTILITY_BELT_JAR=${UTILITY_BELT_JAR:-$PWD/utility-belt/target/utility-belt.jar}
if [[ ! -f $UTILITY_BELT_JAR ]]; then
  echo "No jar at $UTILITY_BELT_JAR: build it first with ./mvnw -pl utility-belt package" >&2
  exit 2
fi
echo "== on the host"
measure_here
kafka4=$(sed -n 's:.*<kafka4.version>\(.*\)</kafka4.version>.*:\1:p' pom.xml | head -n 1)
kafka3=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -n 1)
if ! docker info > /dev/null 2>&1; then
  echo "No Docker engine: only the host was measured." >&2
  exit 0
fi
read -r -a images <<< "${IMAGES:-cp-image/cp-kafka:$kafka4 cp-image/cp-kafka:$kafka3}"
for image in "${images[@]}"; do
  measure_in_image "$image"
done
if [[ -n ${BASELINE_REPOSITORY:-} ]]; then
  for image in "${images[@]}"; do
    measure_paired "$image" "$BASELINE_REPOSITORY/${image#*/}"
  done
fi
