#!/usr/bin/env bash
# Packs the machine's second JDK (not the one running the build) into a tar.gz for
# examples/another-jdk: pack-second-jdk.sh <archive>; `pack-second-jdk.sh --check` only says whether
# there is one. SECOND_JDK_HOME names the JDK; otherwise the one Temurin JDK under /usr/lib/jvm. tar
# keeps modes and relative links; a link to an absolute path (Debian's JDKs point
# lib/security/cacerts at /etc/ssl/certs/java/cacerts) is replaced by the file it points to, since
# the plugin refuses links that leave the archive. The source zip is left out.
set -o errexit -o nounset -o pipefail

archive=${1:?usage: pack-second-jdk.sh <archive.tar.gz> | --check}
home=${SECOND_JDK_HOME:-}
if [[ -z $home ]]; then
  shopt -s nullglob
  candidates=(/usr/lib/jvm/temurin-*)
  if (( ${#candidates[@]} != 1 )); then
    echo "pack-second-jdk: examples/another-jdk needs a second JDK: found ${#candidates[@]} Temurin JDKs" \
      "under /usr/lib/jvm (need exactly one); install one, set SECOND_JDK_HOME to its directory," \
      "or leave the example out with -Dexamples.anotherJdk.skip=true." >&2
    exit 1
  fi
  home=${candidates[0]}
fi
if [[ ! -x $home/bin/java || ! -f $home/release ]]; then
  echo "pack-second-jdk: $home is not a JDK (no bin/java or release file); set SECOND_JDK_HOME." >&2
  exit 1
fi
if [[ $archive == --check ]]; then
  echo "pack-second-jdk: second JDK $home"
  exit 0
fi

# A JDK does not change under us: an archive newer than its release file is reused.
if [[ -f $archive && $archive -nt $home/release ]]; then
  echo "pack-second-jdk: $archive is up to date ($home)"
  exit 0
fi
mkdir -p "$(dirname "$archive")"
parent=$(dirname "$home") top=$(basename "$home")
mapfile -t absolute < <(cd "$home" && find . -type l -lname '/*' -printf '%P\n')
excludes=(--exclude="$top/lib/src.zip")
for link in "${absolute[@]}"; do excludes+=(--exclude="$top/$link"); done
tar -cf "$archive.tar" "${excludes[@]}" -C "$parent" "$top"
for link in "${absolute[@]}"; do tar -rhf "$archive.tar" -C "$parent" "$top/$link"; done
gzip -c "$archive.tar" > "$archive.tmp"
rm "$archive.tar"
mv "$archive.tmp" "$archive"
echo "pack-second-jdk: $home -> $archive"
