#!/usr/bin/env bash
# PostgreSQL's archive_command (docs/backup.md): puts one finished WAL file into the archive, gzipped, so
# that it is there whole or not at all. A file that is already archived is never overwritten: the same content is
# success (PostgreSQL may archive a file again after a crash), different content is an error, because
# then two servers write into one archive, or the archive belongs to another cluster.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: archive-wal.sh ARCHIVE_DIR WAL_PATH WAL_NAME
  Set by configure-archiving.sh as
    archive_command = '/path/to/archive-wal.sh ARCHIVE_DIR %p %f'
  Compresses WAL_PATH (PostgreSQL's %p, relative to the data directory) to ARCHIVE_DIR/WAL_NAME.gz (%f):
  to a temporary name first, forced to disk, then renamed and the directory forced to disk. gzip, because
  a file closed early by archive_timeout is still 16 MB, most of it zeros. restore-wal.sh reads it back. ARCHIVE_DIR must
  hold the marker file .examhall-wal-archive (configure-archiving.sh writes it), so that an unmounted
  remote store, whose empty mount point is still a directory, fails instead of filling the local disk.
  Exit 0 when the file is archived (or was already, with the same content); anything else makes
  PostgreSQL keep the file and try again.
USAGE
}

fail() {
  echo "archive-wal: $*" >&2
  exit 1
}

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { usage; exit 0; }
[[ $# -eq 3 ]] || { usage >&2; fail "expected 3 arguments, got $#"; }
ARCHIVE="$1"
SOURCE="$2"
NAME="$3"

[[ "$NAME" =~ ^[0-9A-F]{8}([0-9A-F]{16}(\.partial|\.[0-9A-F]{8}\.backup)?|\.history)$ ]] \
  || fail "'$NAME' is not a WAL, backup history or timeline history file name"
[[ -f "$ARCHIVE/.examhall-wal-archive" ]] \
  || fail "$ARCHIVE is not a WAL archive (no .examhall-wal-archive in it): is the remote store mounted?"
[[ -f "$SOURCE" ]] || fail "$SOURCE does not exist"

TARGET="$ARCHIVE/$NAME.gz"
if [[ -e "$TARGET" ]]; then
  if gzip -dc "$TARGET" | cmp -s - "$SOURCE"; then
    exit 0
  fi
  fail "$TARGET exists with other content: refusing to overwrite it (does another server archive here?)"
fi

TEMP="$ARCHIVE/.$NAME.$$.tmp"
trap 'rm -f "$TEMP"' EXIT
gzip -c "$SOURCE" > "$TEMP"
# sync with a file argument fsyncs that file; with the directory, the rename's directory entry.
sync "$TEMP"
mv "$TEMP" "$TARGET"
sync "$ARCHIVE"
