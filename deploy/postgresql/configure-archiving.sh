#!/usr/bin/env bash
# Turns on continuous WAL archiving for a province's PostgreSQL (docs/backup.md): writes a configuration
# file for the cluster's conf.d and marks the archive directory. Run it as the user PostgreSQL runs as
# (postgres on Debian), then restart PostgreSQL: archive_mode takes effect only at start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONF_DIR=""
ARCHIVE=""
ARCHIVE_TIMEOUT=60

usage() {
  cat <<'USAGE'
Usage: configure-archiving.sh --conf-dir DIR --archive-dir DIR [--archive-timeout SECONDS]
  Writes DIR/examhall-wal-archiving.conf:
    wal_level = replica, archive_mode = on,
    archive_command = 'HERE/archive-wal.sh ARCHIVE_DIR %p %f',
    archive_timeout = SECONDS
  and creates ARCHIVE_DIR with its marker file .examhall-wal-archive (archive-wal.sh refuses a directory
  without it, e.g. the mount point of a remote store that is not mounted).

  --conf-dir DIR           a directory PostgreSQL includes: on Debian /etc/postgresql/VERSION/main/conf.d
                           (included by default); elsewhere add include_dir = 'conf.d' to postgresql.conf
  --archive-dir DIR        the WAL archive: a local directory on another disk than the data directory,
                           or a mounted remote store (NFS mounted with "hard"); absolute path
  --archive-timeout S      switch to a new WAL file after S seconds with changes, so that at most S seconds
                           of changes wait for the archive (default 60; 0 = only when a file is full)
After it: restart PostgreSQL (pg_ctlcluster VERSION main restart), then check pg_stat_archiver
(SELECT archived_count, failed_count, last_failed_wal FROM pg_stat_archiver).
USAGE
}

fail() {
  echo "configure-archiving: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --conf-dir) CONF_DIR="${2:?--conf-dir needs a value}"; shift 2 ;;
    --archive-dir) ARCHIVE="${2:?--archive-dir needs a value}"; shift 2 ;;
    --archive-timeout) ARCHIVE_TIMEOUT="${2:?--archive-timeout needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done

[[ -n "$CONF_DIR" && -n "$ARCHIVE" ]] || { usage >&2; fail "--conf-dir and --archive-dir are required"; }
[[ -d "$CONF_DIR" ]] || fail "$CONF_DIR is not a directory"
[[ "$ARCHIVE" == /* ]] || fail "--archive-dir must be an absolute path (PostgreSQL runs the command from its data directory)"
[[ "$ARCHIVE_TIMEOUT" =~ ^[0-9]+$ ]] || fail "--archive-timeout must be a number of seconds"
# The paths go into single-quoted configuration values and an unquoted command line.
for path in "$ARCHIVE" "$HERE"; do
  [[ "$path" =~ ^[A-Za-z0-9/._+-]+$ ]] || fail "$path: only letters, digits and / . _ + - are allowed in the paths"
done

mkdir -p "$ARCHIVE"
touch "$ARCHIVE/.examhall-wal-archive"
[[ -w "$ARCHIVE" ]] || fail "$ARCHIVE is not writable by $(id -un), the user PostgreSQL archives as"

CONF="$CONF_DIR/examhall-wal-archiving.conf"
cat > "$CONF.tmp" <<CONF
# Written by deploy/postgresql/configure-archiving.sh: continuous WAL archiving (docs/backup.md).
wal_level = replica
archive_mode = on
archive_command = '$HERE/archive-wal.sh $ARCHIVE %p %f'
archive_timeout = $ARCHIVE_TIMEOUT
CONF
mv "$CONF.tmp" "$CONF"
echo "configure-archiving: wrote $CONF (archive $ARCHIVE); restart PostgreSQL for archive_mode to take effect"
