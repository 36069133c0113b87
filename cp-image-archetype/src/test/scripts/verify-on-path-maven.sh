#!/usr/bin/env bash
# Runs `mvn verify` on a project the archetype generated, with the Maven on the PATH (Debian 12's and
# Ubuntu 24.04's is 3.8.7), not the Maven this build runs on: users follow the README with the Maven
# they have. Both Testcontainers variables are removed from the environment, so the plugin's smoke
# mode and the project's ImageIT must work as they do on a fresh machine that can pull nothing.
# Without an `mvn` on the PATH it skips loudly; with CI=true it fails instead.
#
# Usage: verify-on-path-maven.sh GENERATED_PROJECT WORK_DIR LOCAL_REPO INVOKING_REPO SETTINGS_TEMPLATE
#   LOCAL_REPO is the local repository the archetype ITs use (this build's plugin is staged there);
#   INVOKING_REPO fills @localRepositoryUrl@ in SETTINGS_TEMPLATE, as archetype:integration-test does.
set -o errexit -o nounset -o pipefail

project=$1 work=$2 local_repo=$3 invoking_repo=$4 settings_template=$5

if ! mvn=$(command -v mvn); then
  if [ "${CI:-false}" = true ]; then
    echo "verify-on-path-maven: no mvn on the PATH; CI must test the generated project with it (install Debian's maven)" >&2
    exit 1
  fi
  echo "verify-on-path-maven: WARNING: SKIPPED: no mvn on the PATH, so the generated project was not built with it (install Debian's maven)" >&2
  exit 0
fi

rm -rf "$work"
mkdir -p "$work"
cp -R "$project" "$work/project"
rm -rf "$work/project/target"
sed "s|@localRepositoryUrl@|file://$invoking_repo|" "$settings_template" >"$work/settings.xml"

echo "verify-on-path-maven: $("$mvn" --version | head -n 1 | sed 's/\x1b\[[0-9;]*m//g') ($mvn) on $(basename "$project"), without TESTCONTAINERS_* variables"
cd "$work/project"
if ! env -u TESTCONTAINERS_RYUK_DISABLED -u TESTCONTAINERS_HOST_OVERRIDE \
  "$mvn" -B -s "$work/settings.xml" -Dmaven.repo.local="$local_repo" verify >"$work/build.log" 2>&1; then
  tail -n 80 "$work/build.log" >&2
  echo "verify-on-path-maven: \`mvn verify\` with $mvn failed; the whole log is $work/build.log" >&2
  exit 1
fi
# The project's ImageIT and the smoke test both ran, and passed.
for expected in 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0' 'smoke test of .* passed'; do
  if ! grep -E "$expected" "$work/build.log" | sed 's/^/verify-on-path-maven: /' | grep .; then
    echo "verify-on-path-maven: the build passed, but its log ($work/build.log) lacks /$expected/" >&2
    exit 1
  fi
done
