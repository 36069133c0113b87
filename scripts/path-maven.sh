#!/usr/bin/env bash
# Makes sure a Maven is on the PATH besides ./mvnw, for the archetype's test that builds a generated
# project as users do, with their own `mvn`: installs Debian's maven (3.8.7 on Debian 12) when no
# mvn is on the PATH. Idempotent; needs root to install.
set -o errexit -o nounset -o pipefail

if mvn=$(command -v mvn); then
  echo "path-maven: $mvn present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "path-maven: no mvn on the PATH, and only root can install one." >&2
  echo "path-maven: install Debian's maven package (or run this script as root), then try again." >&2
  exit 1
fi

echo "path-maven: installing Debian's maven"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven >/dev/null
if ! mvn=$(command -v mvn); then
  echo "path-maven: the maven package put no mvn on the PATH" >&2
  exit 1
fi
echo "path-maven: installed ($mvn)"
