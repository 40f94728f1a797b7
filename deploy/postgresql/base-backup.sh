#!/usr/bin/env bash
# A base backup of the province's PostgreSQL (docs/backup.md): pg_basebackup in tar format, compressed,
# with a SHA-256 manifest, checked with pg_verifybackup before it counts; then the oldest backups beyond
# --keep and the archived WAL that no kept backup needs are removed. Run it nightly (cron or a systemd
# timer) as a user PostgreSQL accepts replication connections from.
set -euo pipefail

BACKUP_ROOT=""
ARCHIVE=""
KEEP=7
COMPRESS=gzip
CHECKPOINT=fast
CONNECTION=()

usage() {
  cat <<'USAGE'
Usage: base-backup.sh --backup-dir DIR [--archive-dir DIR] [--keep N] [options]
  Takes DIR/base-YYYYMMDDTHHMMSSZ/ (base.tar.*, pg_wal.tar.*, backup_manifest, backup-info), written as
  *.partial and renamed only once pg_verifybackup has checked every file against the manifest's SHA-256
  sums. Then keeps the newest N complete backups and, with --archive-dir, removes the archived WAL
  older than the oldest kept backup's start (pg_archivecleanup).

  --backup-dir DIR     where the backups are kept (created if missing)
  --archive-dir DIR    the WAL archive configure-archiving.sh set up; without it, no WAL is removed
  --keep N             complete backups to keep, at least 1 (default 7)
  --compress METHOD    pg_basebackup --compress: gzip (default), lz4, zstd, server-gzip, ...
  --checkpoint MODE    fast (default: the backup starts at once) or spread (less I/O at the start)
  --host H, --port P, --user U
                       the server to back up (default: libpq's PGHOST, PGPORT, PGUSER or its defaults)
Prints one line "base-backup: NAME size_bytes=... backup_ms=... verify_ms=..." when done; exit 0 only then.
Needs: pg_basebackup, pg_verifybackup, pg_archivecleanup (Debian's postgresql-client) and tar.
USAGE
}

fail() {
  echo "base-backup: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --backup-dir) BACKUP_ROOT="${2:?--backup-dir needs a value}"; shift 2 ;;
    --archive-dir) ARCHIVE="${2:?--archive-dir needs a value}"; shift 2 ;;
    --keep) KEEP="${2:?--keep needs a value}"; shift 2 ;;
    --compress) COMPRESS="${2:?--compress needs a value}"; shift 2 ;;
    --checkpoint) CHECKPOINT="${2:?--checkpoint needs a value}"; shift 2 ;;
    --host) CONNECTION+=(--host "${2:?--host needs a value}"); shift 2 ;;
    --port) CONNECTION+=(--port "${2:?--port needs a value}"); shift 2 ;;
    --user) CONNECTION+=(--username "${2:?--user needs a value}"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done

[[ -n "$BACKUP_ROOT" ]] || { usage >&2; fail "--backup-dir is required"; }
[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || fail "--keep must be 1 or more"
[[ "$CHECKPOINT" == fast || "$CHECKPOINT" == spread ]] || fail "--checkpoint must be fast or spread"
if [[ -n "$ARCHIVE" ]]; then
  [[ -f "$ARCHIVE/.examhall-wal-archive" ]] || fail "$ARCHIVE is not a WAL archive (no .examhall-wal-archive in it)"
fi

PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}"
for tool in pg_basebackup pg_verifybackup pg_archivecleanup; do
  [[ -x "$PG_BIN/$tool" ]] || fail "$tool not found in '$PG_BIN' (apt-get install postgresql-client, or set PG_BIN)"
done

mkdir -p "$BACKUP_ROOT"
BACKUP_ROOT="$(cd "$BACKUP_ROOT" && pwd)"
# One backup at a time: a second run while one is under way would remove its WAL or its partial directory.
exec 9> "$BACKUP_ROOT/.lock"
flock -n 9 || fail "another base-backup.sh is running on $BACKUP_ROOT"
# Left by a run that died: never a backup.
rm -rf "$BACKUP_ROOT"/*.partial "$BACKUP_ROOT"/.verify-*

# Named by the UTC start to the second; a backup right after another waits for the next second.
NAME="base-$(date -u +%Y%m%dT%H%M%SZ)"
while [[ -e "$BACKUP_ROOT/$NAME" ]]; do
  sleep 1
  NAME="base-$(date -u +%Y%m%dT%H%M%SZ)"
done
PARTIAL="$BACKUP_ROOT/$NAME.partial"
SCRATCH="$BACKUP_ROOT/.verify-$NAME"
trap 'rm -rf "$PARTIAL" "$SCRATCH"' EXIT

# Reads a backup's tar whatever pg_basebackup compressed it with.
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

STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
STARTED_MS="$(date +%s%3N)"
"$PG_BIN/pg_basebackup" "${CONNECTION[@]}" --pgdata "$PARTIAL" --format tar --compress "$COMPRESS" \
  --wal-method stream --checkpoint "$CHECKPOINT" --manifest-checksums SHA256 --no-password \
  --label "examhall $NAME" || fail "pg_basebackup failed; nothing was kept or removed"
FINISHED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
BACKUP_MS=$(( $(date +%s%3N) - STARTED_MS ))

shopt -s nullglob
BASE_TARS=("$PARTIAL"/base.tar*)
WAL_TARS=("$PARTIAL"/pg_wal.tar*)
[[ ${#BASE_TARS[@]} -eq 1 && ${#WAL_TARS[@]} -eq 1 ]] || fail "pg_basebackup wrote no single base and pg_wal tar"
for tar in "$PARTIAL"/*.tar*; do
  [[ "$tar" == "${BASE_TARS[0]}" || "$tar" == "${WAL_TARS[0]}" ]] \
    || fail "$(basename "$tar"): the cluster has tablespaces, which these scripts do not back up"
done

# pg_verifybackup reads tar backups only from PostgreSQL 18 on: unpack them and verify that, which also
# proves that the compressed files unpack.
VERIFY_STARTED_MS="$(date +%s%3N)"
mkdir -p "$SCRATCH/pg_wal"
unpack "${BASE_TARS[0]}" "$SCRATCH" || fail "${BASE_TARS[0]} does not unpack; nothing was kept or removed"
unpack "${WAL_TARS[0]}" "$SCRATCH/pg_wal" || fail "${WAL_TARS[0]} does not unpack; nothing was kept or removed"
"$PG_BIN/pg_verifybackup" --quiet --manifest-path "$PARTIAL/backup_manifest" "$SCRATCH" \
  || fail "pg_verifybackup found the backup damaged; nothing was kept or removed"
START_WAL="$(sed -n 's/^START WAL LOCATION: .*(file \([0-9A-F]\{24\}\))$/\1/p' "$SCRATCH/backup_label")"
[[ -n "$START_WAL" ]] || fail "no START WAL LOCATION in the backup's backup_label"
rm -rf "$SCRATCH"
VERIFY_MS=$(( $(date +%s%3N) - VERIFY_STARTED_MS ))

SIZE_BYTES="$(du -sb "$PARTIAL" | cut -f1)"
cat > "$PARTIAL/backup-info" <<INFO
name=$NAME
started_at=$STARTED_AT
finished_at=$FINISHED_AT
start_wal=$START_WAL
size_bytes=$SIZE_BYTES
backup_ms=$BACKUP_MS
verify_ms=$VERIFY_MS
compress=$COMPRESS
INFO
sync "$PARTIAL"/* "$PARTIAL"
mv "$PARTIAL" "$BACKUP_ROOT/$NAME"
sync "$BACKUP_ROOT"

# Retention: only complete backups count, newest first by name (the name is the UTC start time).
mapfile -t COMPLETE < <(find "$BACKUP_ROOT" -mindepth 2 -maxdepth 2 -path "$BACKUP_ROOT/base-*/backup-info" \
  -printf '%h\n' | sort -r)
for old in "${COMPLETE[@]:$KEEP}"; do
  rm -rf "$old"
  echo "base-backup: removed $(basename "$old") (keeping $KEEP)"
done
OLDEST_KEPT="${COMPLETE[$(( ${#COMPLETE[@]} < KEEP ? ${#COMPLETE[@]} - 1 : KEEP - 1 ))]}"
if [[ -n "$ARCHIVE" ]]; then
  OLDEST_WAL="$(sed -n 's/^start_wal=//p' "$OLDEST_KEPT/backup-info")"
  # Removes the WAL files before the oldest kept backup's first one; timeline history files stay.
  "$PG_BIN/pg_archivecleanup" -x .gz "$ARCHIVE" "$OLDEST_WAL"
  # pg_archivecleanup leaves the backup history files (*.backup.gz) of the removed backups: compared the
  # way it compares WAL files, without the timeline.
  for history in "$ARCHIVE"/*.backup.gz; do
    history_name="$(basename "$history")"
    if [[ "${history_name:8:16}" < "${OLDEST_WAL:8:16}" ]]; then
      rm -f "$history"
    fi
  done
fi

echo "base-backup: $NAME size_bytes=$SIZE_BYTES backup_ms=$BACKUP_MS verify_ms=$VERIFY_MS start_wal=$START_WAL" \
  "kept=$(( ${#COMPLETE[@]} < KEEP ? ${#COMPLETE[@]} : KEEP ))"
