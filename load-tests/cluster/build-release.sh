#!/usr/bin/env bash
# Builds the tools jar of one commit (a release a rolling upgrade starts from) and keeps it by commit id:
#   load-tests/cluster/build-release.sh COMMIT OUTDIR
# prints the jar's path, OUTDIR/examhall-tools-<full commit id>.jar. A second run for the same commit
# finds the jar and builds nothing. The commit's tree is exported with git archive into a temporary
# directory and built there, so neither this work tree nor its target/ directories are touched.
# See docs/upgrades.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

fail() {
  echo "build-release: $*" >&2
  exit 2
}

[[ $# -eq 2 ]] || fail "usage: build-release.sh COMMIT OUTDIR"
COMMIT="$(git -C "$ROOT" rev-parse --verify --quiet "$1^{commit}")" || fail "no commit $1 in $ROOT"
mkdir -p "$2"
OUT="$(cd "$2" && pwd)/examhall-tools-$COMMIT.jar"
if [[ -s "$OUT" ]]; then
  echo "$OUT"
  exit 0
fi

SRC="$(mktemp -d "${TMPDIR:-/tmp}/examhall-release.XXXXXX")"
trap 'rm -rf "$SRC"' EXIT
git -C "$ROOT" archive --format=tar "$COMMIT" | tar -x -C "$SRC"
LOG="$SRC/build.log"
# Offline first: after the main build every dependency is in the local repository. Only what the tools
# jar needs, and never install, which would replace the current build's artifacts in the local repository.
BUILD=(mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl tools -am)
echo "build-release: building $COMMIT in $SRC" >&2
started=$SECONDS
if ! (cd "$SRC" && "${BUILD[0]}" -o "${BUILD[@]:1}") > "$LOG" 2>&1; then
  echo "build-release: the offline build failed, trying online" >&2
  (cd "$SRC" && "${BUILD[@]}") >> "$LOG" 2>&1 || { tail -n 40 "$LOG" >&2; fail "the build of $COMMIT failed"; }
fi
JAR="$SRC/tools/target/examhall-tools.jar"
[[ -s "$JAR" ]] || fail "the build of $COMMIT made no tools/target/examhall-tools.jar"
# Copied under a temporary name and renamed, so that a run cut short never leaves half a jar in the cache.
cp "$JAR" "$OUT.partial"
mv "$OUT.partial" "$OUT"
echo "build-release: built in $((SECONDS - started)) s" >&2
echo "$OUT"
