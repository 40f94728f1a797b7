#!/usr/bin/env bash
# Restores a base backup taken by base-backup.sh into a new data directory and replays the archived WAL
# up to a point in time (docs/backup.md), then starts PostgreSQL on it and waits until recovery has
# ended and the server is promoted. Run it as the user PostgreSQL runs as (postgres on Debian).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BACKUP=""
ARCHIVE=""
DATA=""
TARGET_TIME=""
PORT=""
SOCKET_DIR=""
DRILL=0
CONFIG_FROM=""
START=1
WAIT_S=3600

usage() {
  cat <<'USAGE'
Usage: restore.sh --backup DIR --archive-dir DIR --data-dir NEW_DIR [--target-time TIME] [options]
  Unpacks the base backup into NEW_DIR (which must not exist or be empty: this never overwrites a data
  directory), writes recovery.signal and, into NEW_DIR/postgresql.auto.conf,
    restore_command = 'HERE/restore-wal.sh ARCHIVE_DIR %f %p', recovery_target_time = 'TIME',
    recovery_target_action = 'promote'
  then starts PostgreSQL on NEW_DIR and waits until it has replayed the WAL and been promoted.

  --backup DIR         one backup (DIR/backup-info), or the backup directory: then the newest backup that
                       finished before --target-time (the newest one without it)
  --archive-dir DIR    the WAL archive
  --data-dir NEW_DIR   the data directory to create; owned by the user this runs as, mode 0700
  --target-time TIME   replay the transactions committed up to TIME, e.g. '2026-12-06 09:30:00+08'
                       (give the zone); without it, every archived WAL file is replayed
  --port N             the restored server's port (written into postgresql.auto.conf), e.g. for a drill
                       beside the running server
  --socket-dir DIR     the restored server's Unix socket directory (written into postgresql.auto.conf)
  --drill              the restored server archives nothing (archive_mode = off): a drill's copy must not
                       put its new timeline into the production archive, where a later real restore would
                       follow it
  --config-from DIR    the configuration is not in the data directory (Debian's /etc/postgresql/15/main):
                       copy pg_hba.conf and pg_ident.conf from DIR and start the copy with PostgreSQL's
                       defaults plus postgresql.auto.conf (for a drill; never the production
                       postgresql.conf, whose data_directory and pid file are the running cluster's)
  --no-start           prepare NEW_DIR only, e.g. to restore the production cluster in place and start
                       it with pg_ctlcluster
  --wait-s S           how long recovery may take before this gives up (default 3600)
Prints "restore: ..." lines with the durations and the last transaction replayed; exit 0 only when the
server runs promoted on NEW_DIR (or, with --no-start, NEW_DIR is ready).
USAGE
}

fail() {
  echo "restore: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --backup) BACKUP="${2:?--backup needs a value}"; shift 2 ;;
    --archive-dir) ARCHIVE="${2:?--archive-dir needs a value}"; shift 2 ;;
    --data-dir) DATA="${2:?--data-dir needs a value}"; shift 2 ;;
    --target-time) TARGET_TIME="${2:?--target-time needs a value}"; shift 2 ;;
    --port) PORT="${2:?--port needs a value}"; shift 2 ;;
    --socket-dir) SOCKET_DIR="${2:?--socket-dir needs a value}"; shift 2 ;;
    --drill) DRILL=1; shift ;;
    --config-from) CONFIG_FROM="${2:?--config-from needs a value}"; shift 2 ;;
    --no-start) START=0; shift ;;
    --wait-s) WAIT_S="${2:?--wait-s needs a value}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done

[[ -n "$BACKUP" && -n "$ARCHIVE" && -n "$DATA" ]] || { usage >&2; fail "--backup, --archive-dir and --data-dir are required"; }
[[ -f "$ARCHIVE/.examhall-wal-archive" ]] || fail "$ARCHIVE is not a WAL archive (no .examhall-wal-archive in it)"
ARCHIVE="$(cd "$ARCHIVE" && pwd)"
# The paths go into a single-quoted configuration value and an unquoted command line.
for path in "$ARCHIVE" "$HERE" ${SOCKET_DIR:+"$SOCKET_DIR"}; do
  [[ "$path" =~ ^[A-Za-z0-9/._+-]+$ ]] || fail "$path: only letters, digits and / . _ + - are allowed in the paths"
done
[[ -z "$PORT" || "$PORT" =~ ^[0-9]+$ ]] || fail "--port must be a number"
[[ "$WAIT_S" =~ ^[0-9]+$ ]] || fail "--wait-s must be a number of seconds"
TARGET_EPOCH=""
if [[ -n "$TARGET_TIME" ]]; then
  # With its zone: without one, PostgreSQL would read it in the server's time zone and date(1) in this shell's.
  [[ "$TARGET_TIME" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}[T\ ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?[+-][0-9]{2}(:?[0-9]{2})?$ ]] \
    || fail "--target-time '$TARGET_TIME' is not a time with its zone such as '2026-12-06 09:30:00+08'"
  TARGET_EPOCH="$(date -d "$TARGET_TIME" +%s 2>/dev/null)" || fail "--target-time '$TARGET_TIME' is not a time"
fi
if [[ -n "$CONFIG_FROM" ]]; then
  [[ -f "$CONFIG_FROM/pg_hba.conf" && -f "$CONFIG_FROM/pg_ident.conf" ]] \
    || fail "$CONFIG_FROM has no pg_hba.conf and pg_ident.conf"
fi
if [[ -e "$DATA" ]]; then
  [[ -d "$DATA" ]] || fail "$DATA exists and is not a directory"
  [[ -z "$(ls -A "$DATA")" ]] || fail "$DATA is not empty: restore into a new directory (move the old one aside first)"
fi

PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}"
for tool in pg_ctl pg_controldata; do
  [[ -x "$PG_BIN/$tool" ]] || fail "$tool not found in '$PG_BIN' (apt-get install postgresql, or set PG_BIN)"
done

info() {
  sed -n "s/^$2=//p" "$1/backup-info"
}

# The backup directory: the newest complete backup that finished before the target (its WAL must reach a
# consistent state before the target time, or recovery cannot stop there).
if [[ ! -f "$BACKUP/backup-info" ]]; then
  [[ -d "$BACKUP" ]] || fail "$BACKUP is neither a backup nor a directory of backups"
  CHOSEN=""
  while read -r candidate; do
    if [[ -z "$TARGET_EPOCH" ]] || (( $(date -d "$(info "$candidate" finished_at)" +%s) < TARGET_EPOCH )); then
      CHOSEN="$candidate"
      break
    fi
  done < <(find "$BACKUP" -mindepth 2 -maxdepth 2 -path "$BACKUP/base-*/backup-info" -printf '%h\n' | sort -r)
  [[ -n "$CHOSEN" ]] || fail "no complete backup in $BACKUP finished before ${TARGET_TIME:-now}"
  BACKUP="$CHOSEN"
fi
BACKUP="$(cd "$BACKUP" && pwd)"
[[ -f "$BACKUP/backup_manifest" ]] || fail "$BACKUP has no backup_manifest: not a base-backup.sh backup"
if [[ -n "$TARGET_EPOCH" ]] && (( $(date -d "$(info "$BACKUP" finished_at)" +%s) >= TARGET_EPOCH )); then
  fail "$(basename "$BACKUP") finished at $(info "$BACKUP" finished_at), not before $TARGET_TIME: take an older backup"
fi

unpack() {
  local file="$1" into="$2"
  case "$file" in
    *.tar.gz) gzip -dc "$file" | tar -x -C "$into" ;;
    *.tar.zst) zstd -q -dc "$file" | tar -x -C "$into" ;;
    *.tar.lz4) lz4 -q -dc "$file" | tar -x -C "$into" ;;
    *.tar) tar -x -f "$file" -C "$into" ;;
    *) fail "$file: unknown archive type" ;;
  esac
}

# DATA was empty or missing: a restore that fails before PostgreSQL runs on it leaves it so, to try again.
PREPARED=0
remove_unfinished() {
  local status=$?
  if (( status != 0 && ! PREPARED )); then
    find "$DATA" -mindepth 1 -delete 2>/dev/null || true
  fi
  exit "$status"
}
trap remove_unfinished EXIT

echo "restore: $(basename "$BACKUP") (finished $(info "$BACKUP" finished_at)) into $DATA," \
  "replaying WAL from $ARCHIVE ${TARGET_TIME:+up to $TARGET_TIME}"
UNPACK_STARTED_MS="$(date +%s%3N)"
mkdir -p "$DATA"
chmod 700 "$DATA"
shopt -s nullglob
BASE_TARS=("$BACKUP"/base.tar*)
WAL_TARS=("$BACKUP"/pg_wal.tar*)
[[ ${#BASE_TARS[@]} -eq 1 && ${#WAL_TARS[@]} -eq 1 ]] || fail "$BACKUP holds no single base and pg_wal tar"
for tar in "${BASE_TARS[0]}" "${WAL_TARS[0]}"; do
  into="$DATA"
  [[ "$tar" == "${WAL_TARS[0]}" ]] && into="$DATA/pg_wal"
  unpack "$tar" "$into" || fail "$tar does not unpack: the backup is damaged; take the one before it"
done
UNPACK_MS=$(( $(date +%s%3N) - UNPACK_STARTED_MS ))

{
  echo
  echo "# restore.sh $(date -u +%Y-%m-%dT%H:%M:%SZ): from $(basename "$BACKUP") and the WAL archive $ARCHIVE"
  echo "restore_command = '$HERE/restore-wal.sh $ARCHIVE %f %p'"
  if [[ -n "$TARGET_TIME" ]]; then
    echo "recovery_target_time = '$TARGET_TIME'"
    echo "recovery_target_action = 'promote'"
  fi
  [[ -z "$PORT" ]] || echo "port = $PORT"
  [[ -z "$SOCKET_DIR" ]] || echo "unix_socket_directories = '$SOCKET_DIR'"
  if (( DRILL )); then
    echo "archive_mode = off"
  fi
} >> "$DATA/postgresql.auto.conf"
touch "$DATA/recovery.signal"
if [[ -n "$CONFIG_FROM" && ! -f "$DATA/postgresql.conf" ]]; then
  cp "$CONFIG_FROM/pg_hba.conf" "$CONFIG_FROM/pg_ident.conf" "$DATA/"
  echo "# restore.sh --config-from $CONFIG_FROM: PostgreSQL's defaults, and postgresql.auto.conf" > "$DATA/postgresql.conf"
fi
PREPARED=1
echo "restore: unpacked in ${UNPACK_MS} ms"

if (( ! START )); then
  echo "restore: $DATA is ready; start PostgreSQL on it (recovery runs at start)"
  exit 0
fi
[[ -f "$DATA/postgresql.conf" ]] \
  || fail "$DATA has no postgresql.conf (Debian keeps it in /etc/postgresql): use --config-from or --no-start"

mkdir -p "$DATA/log"
LOG="$DATA/log/restore.log"
RECOVERY_STARTED_MS="$(date +%s%3N)"
# -w returns once the server accepts connections, which a hot standby does before recovery has ended.
"$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t "$WAIT_S" start > /dev/null \
  || { tail -n 20 "$LOG" >&2; fail "PostgreSQL did not start on $DATA (log: $LOG)"; }
deadline=$((SECONDS + WAIT_S))
until LC_ALL=C "$PG_BIN/pg_controldata" "$DATA" | grep -q '^Database cluster state: *in production$'; do
  if [[ ! -f "$DATA/postmaster.pid" ]]; then
    tail -n 20 "$LOG" >&2
    fail "PostgreSQL stopped during recovery (log: $LOG)"
  fi
  (( SECONDS < deadline )) || fail "recovery did not end within $WAIT_S s (log: $LOG)"
  sleep 0.2
done
RECOVERY_MS=$(( $(date +%s%3N) - RECOVERY_STARTED_MS ))

grep -E 'recovery stopping|last completed transaction|selected new timeline' "$LOG" | sed 's/^/restore: postgres: /' || true
echo "restore: recovered and promoted in ${RECOVERY_MS} ms; PostgreSQL runs on $DATA (log: $LOG)"
echo "restore: unpack_ms=$UNPACK_MS recovery_ms=$RECOVERY_MS"
