#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are on this machine for the example tests (JdbcSinkIT starts
# its own throw-away server from them): installs Debian's postgresql when no
# /usr/lib/postgresql/<major>/bin/postgres exists. Starts nothing. Idempotent; needs root to install.
set -o errexit -o nounset -o pipefail

shopt -s nullglob
servers=(/usr/lib/postgresql/*/bin/postgres)
if [ "${#servers[@]}" -gt 0 ]; then
  echo "postgresql: server binaries present (${servers[*]})"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "postgresql: no PostgreSQL server binaries, and only root can install them." >&2
  echo "postgresql: install Debian's postgresql package (or run this script as root), then try again." >&2
  exit 1
fi

echo "postgresql: installing Debian's postgresql"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
servers=(/usr/lib/postgresql/*/bin/postgres)
if [ "${#servers[@]}" -eq 0 ]; then
  echo "postgresql: the postgresql package installed no server binary under /usr/lib/postgresql" >&2
  exit 1
fi
echo "postgresql: installed (${servers[*]})"
