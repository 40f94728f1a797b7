#!/usr/bin/env bash
# PostgreSQL's restore_command (docs/backup.md), written by restore.sh: hands recovery one file from the
# archive that archive-wal.sh filled, uncompressed.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: restore-wal.sh ARCHIVE_DIR WAL_NAME DESTINATION
  Set by restore.sh as
    restore_command = '/path/to/restore-wal.sh ARCHIVE_DIR %f %p'
  Uncompresses ARCHIVE_DIR/WAL_NAME.gz (%f) to DESTINATION (%p). Exit 1 without a message when the file
  is not in the archive: recovery asks for files past the end of the archive, and for timeline history
  files that may not exist, and takes the failure as "no such file".
USAGE
}

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { usage; exit 0; }
[[ $# -eq 3 ]] || { usage >&2; exit 2; }
ARCHIVE="$1"
NAME="$2"
DESTINATION="$3"

[[ "$NAME" =~ ^[0-9A-F]{8}([0-9A-F]{16}(\.partial|\.[0-9A-F]{8}\.backup)?|\.history)$ ]] \
  || { echo "restore-wal: '$NAME' is not a WAL, backup history or timeline history file name" >&2; exit 2; }
[[ -f "$ARCHIVE/$NAME.gz" ]] || exit 1
gzip -dc "$ARCHIVE/$NAME.gz" > "$DESTINATION"
