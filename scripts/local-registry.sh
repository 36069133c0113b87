#!/usr/bin/env bash
# A local OCI registry for tests: Debian's docker-registry on 127.0.0.1, installed when missing.
#   local-registry.sh start <state dir> <port>   starts it (idempotent: a registry already serving
#                                                this state dir on that port is kept) and waits;
#                                                a new start begins empty, so no earlier run's
#                                                blobs make a first push look like a second
#   local-registry.sh stop <state dir>           stops the registry of that state dir
# The registry stores its blobs in <state dir>/data and logs to <state dir>/registry.log.
set -o errexit -o nounset -o pipefail

command=${1:?usage: local-registry.sh start|stop <state dir> [port]}
state=${2:?usage: local-registry.sh start|stop <state dir> [port]}
mkdir -p "$state"
state=$(cd "$state" && pwd)
pid_file=$state/registry.pid

running() {
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

stop() {
  if running; then
    kill "$(cat "$pid_file")"
    echo "local-registry: stopped $(cat "$state/address")"
  fi
  rm -f "$pid_file"
}

case $command in
  stop)
    stop
    ;;
  start)
    port=${3:?usage: local-registry.sh start <state dir> <port>}
    address=127.0.0.1:$port
    if running && [ "$(cat "$state/address")" = "$address" ]; then
      echo "local-registry: already serving $address"
      exit 0
    fi
    stop
    rm -rf "$state/data"
    if ! command -v docker-registry >/dev/null 2>&1; then
      echo "local-registry: installing Debian's docker-registry"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-registry >/dev/null
    fi
    cat >"$state/config.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $state/data
  delete:
    enabled: true
http:
  addr: $address
YAML
    nohup docker-registry serve "$state/config.yml" >"$state/registry.log" 2>&1 &
    echo $! >"$pid_file"
    echo "$address" >"$state/address"
    for _ in $(seq 1 50); do
      if curl -fsS "http://$address/v2/" >/dev/null 2>&1; then
        echo "local-registry: serving $address (pid $(cat "$pid_file"))"
        exit 0
      fi
      running || break
      sleep 0.2
    done
    echo "local-registry: the registry did not answer on $address; its log ends with:" >&2
    tail -n 20 "$state/registry.log" >&2 || true
    exit 1
    ;;
  *)
    echo "local-registry: unknown command '$command'; use start or stop" >&2
    exit 1
    ;;
esac
