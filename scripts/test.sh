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
bash scripts/path-maven.sh || echo "test: WARNING no mvn on the PATH: the archetype's build of a generated project with it will be SKIPPED (CI fails it)" >&2
# The arm64 images (and Arm64IT, which runs one under emulation) need the arm64 binfmt handler.
images_arm64=(-Dimages.arm64)
if ! bash scripts/binfmt.sh arm64; then
  echo "test: WARNING cannot run arm64 programs: the arm64 images are not built and Arm64IT will be SKIPPED (CI fails it)" >&2
  images_arm64=()
fi
skip_another_jdk=()
if ! bash it/src/test/scripts/pack-second-jdk.sh --check; then
  echo "test: WARNING no second JDK: examples/another-jdk and AnotherJdkIT will be SKIPPED (CI fails it)" >&2
  skip_another_jdk=(-Dexamples.anotherJdk.skip=true)
fi

# Testcontainers, in this project's tests, must neither start Ryuk nor probe the Docker host with an
# alpine container: both are pulls, and the tests use only images this project builds. (The plugin's
# smoke mode needs neither variable; the archetype's test of it removes both.)
export TESTCONTAINERS_RYUK_DISABLED="${TESTCONTAINERS_RYUK_DISABLED:-true}"
export TESTCONTAINERS_HOST_OVERRIDE="${TESTCONTAINERS_HOST_OVERRIDE:-localhost}"

# install, not verify: Arm64IT pushes with cp-image:push-platforms from a Maven run of its own, which
# takes the plugin from the local repository, so this build's plugin must be there before it runs.
./mvnw -B install "${images_arm64[@]}" "${skip_another_jdk[@]}" "$@"
