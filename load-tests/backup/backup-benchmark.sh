#!/usr/bin/env bash
# Backup and restore figures (docs/backup.md): PostgreSQL with WAL archiving as deploy/postgresql sets it
# up, filled by a demo node and the terminal simulator (real sittings, answers, scores and audit entries)
# and, optionally, pgbench's tables for bulk; then base-backup.sh, restore.sh into a new data directory
# and audit-verify on the restored database, each timed. Everything it starts is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS="$ROOT/deploy/postgresql"
LOAD_JAR="$ROOT/load-tests/target/examhall-load.jar"
TOOLS_JAR="$ROOT/tools/target/examhall-tools.jar"
SERVER_JAR="$ROOT/exam-server/target/examhall-server.jar"

TERMINALS=500
ROUNDS=1
PGBENCH_SCALE=0
COMPRESS=gzip
WORK=""

usage() {
  cat <<'USAGE'
Usage: load-tests/backup/backup-benchmark.sh [options]
  Starts Debian's PostgreSQL in a temporary directory with WAL archiving (configure-archiving.sh), a demo
  node on it and ROUNDS runs of the terminal simulator with TERMINALS candidates each (every one a
  submitted sitting); optionally pgbench -i -s SCALE into a second database. Then times base-backup.sh,
  restore.sh (into a new data directory, every archived WAL file replayed) and audit-verify on the
  restored database. Prints and writes WORK/figures.txt.

  --terminals N        candidates per simulator run (default 500; 0: no node, no simulator)
  --rounds R           simulator runs (default 1): sittings = N x R
  --pgbench-scale S    pgbench -i -s S into database "bulk" (default 0: none); about 15 MB per unit
  --compress METHOD    base-backup.sh --compress (default gzip)
  --work-dir DIR       logs and figures (default: a new temporary directory)
Needs: java 17, postgresql (Debian's), the jars from mvn -B -q -pl load-tests -am package -DskipTests
USAGE
}

fail() {
  echo "backup-benchmark: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --terminals) TERMINALS="${2:?}"; shift 2 ;;
    --rounds) ROUNDS="${2:?}"; shift 2 ;;
    --pgbench-scale) PGBENCH_SCALE="${2:?}"; shift 2 ;;
    --compress) COMPRESS="${2:?}"; shift 2 ;;
    --work-dir) WORK="${2:?}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done
for number in "$TERMINALS" "$ROUNDS" "$PGBENCH_SCALE"; do
  [[ "$number" =~ ^[0-9]+$ ]] || fail "--terminals, --rounds and --pgbench-scale take whole numbers"
done

PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}"
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || fail "PostgreSQL not found (apt-get install postgresql, or set PG_BIN)"
[[ -f "$SERVER_JAR" && ( "$TERMINALS" -eq 0 || ( -f "$LOAD_JAR" && -f "$TOOLS_JAR" ) ) ]] \
  || fail "build first: mvn -B -q -pl load-tests -am package -DskipTests"

if [[ -z "$WORK" ]]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/backup-benchmark.XXXXXX")"
fi
mkdir -p "$WORK/logs"
WORK="$(cd "$WORK" && pwd)"
FIGURES="$WORK/figures.txt"
: > "$FIGURES"
# PostgreSQL refuses root: its files, the archive and the backups belong to nobody, under /tmp.
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/backup-benchmark-run.XXXXXX")"
chmod 755 "$RUN_DIR"
AS_SERVICE=()
if [[ "$(id -u)" -eq 0 ]]; then
  AS_SERVICE=(setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups)
  chown nobody "$RUN_DIR"
fi
NODE_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n "$NODE_PID" ]]; then
    kill "$NODE_PID" 2>/dev/null || true
    wait "$NODE_PID" 2>/dev/null || true
  fi
  for data in "$RUN_DIR/data" "$RUN_DIR/restored"; do
    if [[ -f "$data/postmaster.pid" ]]; then
      "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
  done
  cp "$RUN_DIR/postgres.log" "$RUN_DIR/restored/log/restore.log" "$WORK/logs/" 2>/dev/null || true
  rm -rf "$RUN_DIR"
  echo "backup-benchmark: logs and figures in $WORK" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() {
  echo "$1=$2" >> "$FIGURES"
  echo "backup-benchmark: $1=$2"
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

now_ms() {
  date +%s%3N
}

PG_PORT="$(free_port)"
psql_at() {
  local port="$1"; shift
  "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U examhall -d postgres -X -A -t -q -v ON_ERROR_STOP=1 "$@"
}

# --- PostgreSQL with WAL archiving ------------------------------------------------------------------
"${AS_SERVICE[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/data" -U examhall --auth=trust -E UTF8 --locale=C.UTF-8 \
  > "$WORK/logs/initdb.log" 2>&1 || { cat "$WORK/logs/initdb.log" >&2; fail "initdb failed"; }
"${AS_SERVICE[@]}" mkdir "$RUN_DIR/data/conf.d"
cat >> "$RUN_DIR/data/postgresql.conf" <<CONF
include_dir = 'conf.d'
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$RUN_DIR'
max_connections = 200
CONF
"${AS_SERVICE[@]}" "$SCRIPTS/configure-archiving.sh" --conf-dir "$RUN_DIR/data/conf.d" --archive-dir "$RUN_DIR/archive" > /dev/null
"${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -l "$RUN_DIR/postgres.log" -w start > /dev/null
echo "backup-benchmark: PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT, archiving to $RUN_DIR/archive"

# --- data: a demo node and the simulator ------------------------------------------------------------
if (( TERMINALS > 0 )); then
  HTTP_PORT="$(free_port)"
  CLUSTER_PORT="$(free_port)"
  cat > "$WORK/examhall.yaml" <<YAML
mode: demo
http:
  host: 127.0.0.1
  port: $HTTP_PORT
database:
  url: postgresql://examhall@127.0.0.1:$PG_PORT/postgres
cluster:
  name: backup-benchmark-$$
  host: 127.0.0.1
  port: $CLUSTER_PORT
  members: [127.0.0.1:$CLUSTER_PORT]
YAML
  EXAMHALL_DATA_DIR="$WORK/node" java "@$ROOT/exam-server/jvm.options" -Xmx1g -jar "$TOOLS_JAR" \
    demo --config "$WORK/examhall.yaml" > "$WORK/logs/node.log" 2>&1 &
  NODE_PID=$!
  deadline=$((SECONDS + 180))
  until curl -sf -m 2 "http://127.0.0.1:$HTTP_PORT/health" > /dev/null 2>&1; do
    kill -0 "$NODE_PID" 2>/dev/null || { tail -n 30 "$WORK/logs/node.log" >&2; fail "the node exited while starting"; }
    (( SECONDS < deadline )) || fail "the node did not answer /health within 180 s"
    sleep 0.5
  done
  for round in $(seq 1 "$ROUNDS"); do
    echo "backup-benchmark: simulator round $round/$ROUNDS, $TERMINALS terminals"
    java -jar "$LOAD_JAR" --url "http://127.0.0.1:$HTTP_PORT" --terminals "$TERMINALS" --duration-s 60 \
      --answer-interval-ms 3000 --blueprint DEMO-WELD-FUSION --seed "$round" --no-progress \
      > "$WORK/logs/simulator-$round.log" 2>&1 \
      || { tail -n 30 "$WORK/logs/simulator-$round.log" >&2; fail "simulator round $round failed"; }
  done
  kill "$NODE_PID"
  wait "$NODE_PID" 2>/dev/null || true
  NODE_PID=""
fi
if (( PGBENCH_SCALE > 0 )); then
  psql_at "$PG_PORT" -c "CREATE DATABASE bulk"
  "$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U examhall -i -s "$PGBENCH_SCALE" -q bulk > "$WORK/logs/pgbench.log" 2>&1 \
    || { cat "$WORK/logs/pgbench.log" >&2; fail "pgbench -i failed"; }
fi

record sittings "$(psql_at "$PG_PORT" -c "SELECT count(*) FROM sitting" 2>/dev/null || echo 0)"
record answer_steps "$(psql_at "$PG_PORT" -c "SELECT count(*) FROM answer_step" 2>/dev/null || echo 0)"
record audit_entries "$(psql_at "$PG_PORT" -c "SELECT count(*) FROM audit_log" 2>/dev/null || echo 0)"
record examhall_database_bytes "$(psql_at "$PG_PORT" -c "SELECT pg_database_size('postgres')")"
record cluster_bytes "$(psql_at "$PG_PORT" -c "SELECT sum(pg_database_size(datname)) FROM pg_database")"
# What filling the database wrote to the WAL archive (gzipped by archive-wal.sh), beside what it would be raw.
record wal_archived_files "$(psql_at "$PG_PORT" -c "SELECT archived_count FROM pg_stat_archiver")"
record wal_archive_bytes "$(du -sb "$RUN_DIR/archive" | cut -f1)"

# --- base backup ------------------------------------------------------------------------------------
# Every figure is wall time: on a shared machine the load says how much of it was waiting for a core.
record cores "$(nproc)"
record load_average_before "$(cut -d' ' -f1-3 /proc/loadavg)"
started="$(now_ms)"
"${AS_SERVICE[@]}" "$SCRIPTS/base-backup.sh" --backup-dir "$RUN_DIR/backups" --archive-dir "$RUN_DIR/archive" \
  --compress "$COMPRESS" --host 127.0.0.1 --port "$PG_PORT" --user examhall | tee "$WORK/logs/base-backup.log"
record base_backup_total_ms $(( $(now_ms) - started ))
line="$(grep '^base-backup: base-' "$WORK/logs/base-backup.log")"
for key in size_bytes backup_ms verify_ms; do
  record "base_backup_$key" "$(sed -n "s/.* $key=\([0-9]*\).*/\1/p" <<< "$line")"
done
# A change after the backup, so that the restore replays archived WAL too.
# In a schema of its own: Flyway (audit-verify migrates first) refuses a public schema it did not make.
closed="$(psql_at "$PG_PORT" -c "CREATE SCHEMA benchmark" -c "CREATE TABLE benchmark.after_backup AS SELECT 1 AS one" \
  -c "SELECT pg_walfile_name(pg_switch_wal())")"
until [[ ! "$(psql_at "$PG_PORT" -c "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")" < "$closed" ]]; do
  sleep 0.2
done
"${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/data" -m fast -w stop > /dev/null

# --- restore ----------------------------------------------------------------------------------------
RESTORED_PORT="$(free_port)"
started="$(now_ms)"
"${AS_SERVICE[@]}" "$SCRIPTS/restore.sh" --backup "$RUN_DIR/backups" --archive-dir "$RUN_DIR/archive" \
  --data-dir "$RUN_DIR/restored" --port "$RESTORED_PORT" --drill | tee "$WORK/logs/restore.log"
record restore_total_ms $(( $(now_ms) - started ))
line="$(grep '^restore: unpack_ms=' "$WORK/logs/restore.log")"
for key in unpack_ms recovery_ms; do
  record "restore_$key" "$(sed -n "s/.*$key=\([0-9]*\).*/\1/p" <<< "$line")"
done
[[ "$(psql_at "$RESTORED_PORT" -c "SELECT one FROM benchmark.after_backup")" == 1 ]] || fail "the restore lacks the change after the backup"

record load_average_after "$(cut -d' ' -f1-3 /proc/loadavg)"

# --- audit-verify on the restored database ----------------------------------------------------------
(( TERMINALS > 0 )) || exit 0
cat > "$WORK/audit-verify.yaml" <<YAML
database:
  url: postgresql://examhall@127.0.0.1:$RESTORED_PORT/postgres
security:
  auditAnchorFile: $WORK/node/audit-anchors.jsonl
YAML
started="$(now_ms)"
java -jar "$SERVER_JAR" audit-verify --config "$WORK/audit-verify.yaml" > "$WORK/logs/audit-verify.log" 2>&1 \
  || { cat "$WORK/logs/audit-verify.log" >&2; fail "audit-verify failed on the restored database"; }
record audit_verify_ms $(( $(now_ms) - started ))
grep -h 'audit chain' "$WORK/logs/audit-verify.log"
