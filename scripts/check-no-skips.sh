#!/usr/bin/env bash
# CI guard: fails when any test was skipped (a skipped Docker test proves nothing), listing them.
set -o errexit -o nounset -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

reports=$(find . -path '*/target/*-reports/TEST-*.xml' -not -path './.git/*' 2>/dev/null || true)
if [ -z "$reports" ]; then
  echo "check-no-skips: no test reports found: did the tests run?" >&2
  exit 1
fi
# shellcheck disable=SC2086
skipped=$(grep -l '<skipped' $reports || true)
if [ -n "$skipped" ]; then
  echo "check-no-skips: tests were skipped, in:" >&2
  echo "$skipped" >&2
  exit 1
fi
echo "check-no-skips: no skipped tests in $(echo "$reports" | wc -l) report files"
