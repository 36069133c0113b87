#!/usr/bin/env bash
# The project's test command: starts a Docker engine when the tests need one, then runs every
# module's unit and integration tests. With CI=true a test that needs Docker fails instead of skipping.
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! bash scripts/docker-engine.sh; then
  if [ "${CI:-false}" = true ]; then
    echo "test: CI needs a Docker engine for the container tests" >&2
    exit 1
  fi
  echo "test: WARNING no Docker engine: the container tests will be SKIPPED" >&2
fi
bash scripts/postgresql.sh || echo "test: WARNING no PostgreSQL: JdbcSinkIT will be SKIPPED (CI fails it)" >&2

# Testcontainers, in the tests and in the plugin's smoke mode, must neither start Ryuk nor probe the
# Docker host with an alpine container: both are pulls, and this project's tests use only images it builds.
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"

./mvnw -B verify "$@"
