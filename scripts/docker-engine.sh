#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs Debian's docker.io when the
# daemon is missing, starts dockerd in the background when none runs, and waits until it answers.
# Idempotent: a running engine is left alone. Needs root to install or start the daemon.
set -o errexit -o nounset -o pipefail

log_file=${DOCKERD_LOG:-/tmp/cp-image-dockerd.log}
wait_seconds=${DOCKERD_WAIT_SECONDS:-60}

if docker info >/dev/null 2>&1; then
  echo "docker-engine: a Docker engine is already running"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "docker-engine: no Docker engine answers, and only root can install or start one." >&2
  echo "docker-engine: start Docker yourself (or run this script as root), then try again." >&2
  exit 1
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker-engine: installing Debian's docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "docker-engine: starting dockerd (log: $log_file)"
  nohup dockerd >"$log_file" 2>&1 &
fi

for ((i = 0; i < wait_seconds; i++)); do
  if docker info >/dev/null 2>&1; then
    echo "docker-engine: ready ($(docker version --format '{{.Server.Version}}' 2>/dev/null))"
    exit 0
  fi
  sleep 1
done
echo "docker-engine: dockerd did not answer within ${wait_seconds}s; its log ends with:" >&2
tail -n 20 "$log_file" >&2 || true
exit 1
