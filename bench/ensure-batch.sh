#!/usr/bin/env bash
# Benchmark: what checking the Connect worker's eight required variables costs in its configure
# step, with one `dub ensure` per variable (as Confluent's scripts do) and with one `dub ensure`
# for all eight (as ours do), inside the cp-kafka-connect image, RUNS rounds (default 7).
# Prints both medians and their ratio.
#
# Usage: bench/ensure-batch.sh [RUNS]     env: CONNECT_IMAGE (default cp-image/cp-kafka-connect:latest)
set -o errexit -o nounset -o pipefail

readonly RUNS="${1:-7}"
readonly CONNECT_IMAGE="${CONNECT_IMAGE:-cp-image/cp-kafka-connect:latest}"
readonly VARS="CONNECT_BOOTSTRAP_SERVERS CONNECT_GROUP_ID CONNECT_CONFIG_STORAGE_TOPIC CONNECT_OFFSET_STORAGE_TOPIC
  CONNECT_STATUS_STORAGE_TOPIC CONNECT_KEY_CONVERTER CONNECT_VALUE_CONVERTER CONNECT_REST_ADVERTISED_HOST_NAME"

env_args=()
for var in $VARS; do env_args+=(-e "$var=x"); done

# Both variants run in the same container, alternating, so that they share the machine's load.
docker run --rm --label io.cpimage.testing=true "${env_args[@]}" -e VARS="$VARS" -e RUNS="$RUNS" \
  "$CONNECT_IMAGE" bash -c '
set -o errexit -o nounset -o pipefail
median() { sort -n | awk "{ v[NR] = \$1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }"; }
for round in $(seq 1 "$RUNS"); do
  start=$(date +%s%3N)
  for var in $VARS; do dub ensure "$var"; done
  middle=$(date +%s%3N)
  dub ensure $VARS
  end=$(date +%s%3N)
  echo "$((middle - start))" >> /tmp/each
  echo "$((end - middle))" >> /tmp/batch
  echo "round $round: one call per variable $((middle - start)) ms, one call $((end - middle)) ms"
done
each=$(median < /tmp/each) batch=$(median < /tmp/batch)
echo "median: one call per variable ${each} ms, one call ${batch} ms, ratio $(awk "BEGIN { printf \"%.2f\", $batch / $each }")"
'
