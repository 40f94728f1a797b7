#!/usr/bin/env bash
# Province cluster benchmark (issue 16): exam-server nodes in one Hazelcast cluster on loopback, one
# external PostgreSQL and nginx in front, all started here; the terminal simulator drives terminals and
# staff through nginx while this script kills a node, brings it back and restarts PostgreSQL mid-sitting;
# with --pg-failover-at, PostgreSQL is a primary and a synchronous standby, and the primary dies mid-sitting.
# See load-tests/README.md, "Province cluster benchmark". Everything it starts is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/load-tests/cluster"
LOAD_JAR="$ROOT/load-tests/target/examhall-load.jar"
# The demo and its data are in the tools jar, beside every command of the server jar.
TOOLS_JAR="$ROOT/tools/target/examhall-tools.jar"

NODES=3
TERMINALS=300
DURATION_S=120
ANSWER_INTERVAL_MS=10000
KILL_NODE=2
KILL_AT=20
BACK_AT=50
PG_RESTART_AT=80
PG_FAILOVER_AT=off
NODE_HEAP=1g
STAFF_SESSIONS=6
FREEZE=0
UPGRADE_FROM=""
UPGRADE_AT=10
UPGRADE_DRAIN_S=5
WORK=""
SIMULATOR_ARGS=()

usage() {
  cat <<'USAGE'
Usage: load-tests/cluster/province-cluster.sh [options] [-- simulator options]
  Starts PostgreSQL (Debian's, in a temporary directory), NODES exam-server nodes (demo mode, one
  Hazelcast cluster on loopback) and nginx in front with docker/nginx.conf's rules, runs the terminal
  simulator through nginx and, timed from the start of the answer phase, kill -9s one node, starts it
  again and restarts PostgreSQL. Prints and writes WORK/summary.txt; exit status 0 only when the
  simulator passed (no lost answer), the killed node was gone, the survivors noticed, every staff
  session stayed valid and every interrupted terminal was served again.

  --nodes N               exam-server nodes (default 3, at least 2)
  --terminals N           simulated terminals (default 300)
  --duration-s S          answering time (default 120)
  --answer-interval-ms MS mean pause between a terminal's answer changes (default 10000)
  --kill-node I           which node to kill, 2..N (default 2; node 1 seeded the demo data)
  --kill-at S             seconds into answering for kill -9 (default 20; off: never, and then no
                          --back-at); each fault time is the earliest: a fault waits for the checks
                          after the one before
  --back-at S             seconds into answering to start the killed node again (default 50; off: never)
  --pg-restart-at S       seconds into answering for pg_ctl restart -m fast (default 80; off: never)
  --pg-failover-at S      run PostgreSQL as a primary and a synchronous streaming-replication standby
                          (the nodes get both hosts with targetServerType=primary); S seconds into
                          answering, stop the primary (pg_ctl stop -m immediate, a crash) and promote
                          the standby, then time until every node serves on it (default off)
  --freeze                SIGSTOP the node at --kill-at instead, and kill -9 it once the others noticed:
                          a hung node or one cut off the network, found only by the heartbeat timeout
  --upgrade-from JAR      a rolling upgrade instead of the faults above: every node starts on JAR (the
                          previous release's tools jar, from build-release.sh) and, from --upgrade-at, each
                          in turn is stopped with SIGTERM, started on this build's jar and awaited back in the
                          cluster before the next; see docs/upgrades.md
  --upgrade-at S          seconds into answering for the rolling upgrade to begin (default 10)
  --upgrade-drain-s S     seconds between taking a node out of nginx (reload) and its SIGTERM (default 5)
  --node-heap SIZE        -Xmx of every node (default 1g)
  --staff-sessions N      staff sessions signed in through nginx and checked after each fault (default 6)
  --work-dir DIR          logs, marks, simulator report and summary (default: a new temporary directory)
  -- ...                  passed on to the simulator (e.g. --blueprint, --seats-per-room)
Needs: java 17, curl, nginx and postgresql (Debian packages), the jars from
  mvn -B -q -pl load-tests -am package -DskipTests
USAGE
}

fail() {
  echo "province-cluster: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes) NODES="$2"; shift 2 ;;
    --terminals) TERMINALS="$2"; shift 2 ;;
    --duration-s) DURATION_S="$2"; shift 2 ;;
    --answer-interval-ms) ANSWER_INTERVAL_MS="$2"; shift 2 ;;
    --kill-node) KILL_NODE="$2"; shift 2 ;;
    --kill-at) KILL_AT="$2"; shift 2 ;;
    --back-at) BACK_AT="$2"; shift 2 ;;
    --pg-restart-at) PG_RESTART_AT="$2"; shift 2 ;;
    --pg-failover-at) PG_FAILOVER_AT="$2"; shift 2 ;;
    --freeze) FREEZE=1; shift ;;
    --upgrade-from) UPGRADE_FROM="$2"; shift 2 ;;
    --upgrade-at) UPGRADE_AT="$2"; shift 2 ;;
    --upgrade-drain-s) UPGRADE_DRAIN_S="$2"; shift 2 ;;
    --node-heap) NODE_HEAP="$2"; shift 2 ;;
    --staff-sessions) STAFF_SESSIONS="$2"; shift 2 ;;
    --work-dir) WORK="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; SIMULATOR_ARGS=("$@"); break ;;
    *) usage >&2; fail "unknown option $1" ;;
  esac
done

# --- rolling upgrade (--upgrade-from) ---------------------------------------------------------------
# Every node starts on the previous release's jar. From --upgrade-at into answering, one node at a time is
# drained (nginx reloaded without it, then --upgrade-drain-s for the requests it holds), stopped with SIGTERM
# (its shutdown hook closes the pool and leaves the cluster), started on this build's jar, awaited back in
# the whole cluster and given its share of requests again before the next, while the terminals keep
# answering through nginx. The upgrade is the fault: the kill, the return and the PostgreSQL restart are
# not run.
declare -a NODE_JAR
if [[ -n "$UPGRADE_FROM" ]]; then
  [[ -f "$UPGRADE_FROM" ]] || fail "--upgrade-from $UPGRADE_FROM: no such jar"
  [[ "$UPGRADE_AT" =~ ^[0-9]+$ && "$UPGRADE_AT" -lt "$DURATION_S" ]] \
    || fail "--upgrade-at must be a number of seconds within --duration-s $DURATION_S"
  [[ "$UPGRADE_DRAIN_S" =~ ^[0-9]+$ ]] || fail "--upgrade-drain-s must be a number of seconds"
  UPGRADE_FROM="$(cd "$(dirname "$UPGRADE_FROM")" && pwd)/$(basename "$UPGRADE_FROM")"
  KILL_AT=off
  BACK_AT=off
  PG_RESTART_AT=off
  for i in $(seq 1 "$NODES"); do NODE_JAR[$i]="$UPGRADE_FROM"; done
fi

# Running, neither gone nor a zombie waiting to be reaped (the third field of /proc/PID/stat; a JVM's
# command name has no space).
process_alive() {
  local fields=()
  read -r -a fields 2>/dev/null < "/proc/$1/stat" || return 1
  [[ "${fields[2]}" != Z ]]
}

# nginx passes new requests only to the given nodes: the site written again and nginx reloaded (SIGHUP),
# whose old workers finish the requests they hold.
route_to_nodes() {
  local upstreams=() j
  for j in "$@"; do
    upstreams+=("127.0.0.1:${NODE_HTTP[$j]}")
  done
  "$HERE/nginx-site.sh" "$ROOT/docker/nginx.conf" "$NGINX_PORT" "${upstreams[@]}" > "$RUN_DIR/nginx/site.conf"
  kill -HUP "$NGINX_PID"
}

# SIGTERM and wait for the JVM to exit; kill -9 only if it has not after 120 s.
stop_node_gracefully() {
  local i="$1" pid="${NODE_PID[$1]}" deadline=$((SECONDS + 120)) status=0
  [[ "$(cat "/proc/$pid/comm")" == java ]] || fail "pid $pid of node $i is not a JVM"
  kill -TERM "$pid"
  while process_alive "$pid"; do
    if (( SECONDS >= deadline )); then
      FAILURES+=("node $i still running 120 s after SIGTERM")
      kill -9 "$pid"
      break
    fi
    sleep 0.1
  done
  { wait "$pid"; } 2>/dev/null || status=$?
  record "upgrade_exit_status.node$i" "$status"
  NODE_PID[$i]=""
}

upgrade_node() {
  local i="$1" others=() j started_ms
  for j in "${ALL_NODES[@]}"; do
    [[ "$j" -ne "$i" ]] && others+=("$j")
  done
  started_ms="$(now_ms)"
  mark "upgrade-node$i"
  route_to_nodes "${others[@]}"
  sleep "$UPGRADE_DRAIN_S"
  stop_node_gracefully "$i"
  record "upgrade_stopped_ms.node$i" $(( $(now_ms) - started_ms ))
  until cluster_is $((NODES - 1)) "${others[@]}"; do
    (( $(now_ms) - started_ms < 60000 )) || { FAILURES+=("the others did not see node $i leave"); break; }
    sleep 0.05
  done
  record "upgrade_left_cluster_ms.node$i" $(( $(now_ms) - started_ms ))
  NODE_JAR[$i]="$TOOLS_JAR"
  start_node "$i"
  await_node "$i"
  # Downtime: from the drain until the node answers /health again, on the new jar.
  record "upgrade_downtime_ms.node$i" $(( $(now_ms) - started_ms ))
  until cluster_is "$NODES" "${ALL_NODES[@]}"; do
    (( $(now_ms) - started_ms < 240000 )) || { FAILURES+=("node $i did not rejoin after its upgrade"); return; }
    sleep 0.2
  done
  record "upgrade_rejoined_ms.node$i" $(( $(now_ms) - started_ms ))
  route_to_nodes "${ALL_NODES[@]}"
  UPGRADED=$((UPGRADED + 1))
  check_staff "upgrade-node$i" "${ALL_NODES[@]}"
}

rolling_upgrade() {
  local i
  UPGRADED=0
  record upgrade_from "$UPGRADE_FROM"
  at "$UPGRADE_AT"
  for i in "${ALL_NODES[@]}"; do
    upgrade_node "$i"
  done
  mark upgrade-done
  record upgraded_nodes "$UPGRADED/$NODES"
  record upgrade_done_s $(( ($(now_ms) - ANSWER_START_MS) / 1000 ))
  (( UPGRADED == NODES )) || FAILURES+=("$UPGRADED of $NODES nodes upgraded")
  # Terminals must have answered through the whole upgrade, not merely handed in after it.
  if (( $(now_ms) > ANSWER_START_MS + DURATION_S * 1000 )); then
    FAILURES+=("the rolling upgrade outlasted the answering (--duration-s $DURATION_S)")
  fi
}

[[ "$NODES" =~ ^[0-9]+$ && "$NODES" -ge 2 ]] || fail "--nodes must be 2 or more"
[[ "$KILL_NODE" =~ ^[0-9]+$ && "$KILL_NODE" -ge 2 && "$KILL_NODE" -le "$NODES" ]] || fail "--kill-node must be 2..$NODES"
# Faults happen in this order, each inside the answer phase.
previous=0
for at in "$KILL_AT" "$BACK_AT" "$PG_RESTART_AT" "$PG_FAILOVER_AT"; do
  [[ "$at" == off ]] && continue
  [[ "$at" =~ ^[0-9]+$ && "$at" -gt "$previous" && "$at" -lt "$DURATION_S" ]] \
    || fail "fault times must grow, each within --duration-s $DURATION_S (kill $KILL_AT, back $BACK_AT, pg restart $PG_RESTART_AT, pg failover $PG_FAILOVER_AT)"
  previous="$at"
done
[[ "$KILL_AT" != off || "$BACK_AT" == off ]] || fail "--back-at needs --kill-at"

PG_BIN="${PG_BIN:-$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}"
[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] || fail "PostgreSQL's initdb and pg_ctl not found (apt-get install postgresql, or set PG_BIN)"
[[ "$PG_FAILOVER_AT" == off || ( -x "$PG_BIN/pg_basebackup" && -x "$PG_BIN/psql" ) ]] \
  || fail "--pg-failover-at needs PostgreSQL's pg_basebackup and psql in $PG_BIN"
# Debian puts nginx in /usr/sbin, which a non-root PATH often lacks.
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[[ -x "$NGINX" ]] || fail "nginx not found (apt-get install nginx, or set NGINX)"
command -v curl >/dev/null || fail "curl not found (apt-get install curl)"
[[ -f "$LOAD_JAR" && -f "$TOOLS_JAR" ]] \
  || fail "build first: mvn -B -q -pl load-tests -am package -DskipTests"

if [[ -z "$WORK" ]]; then
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/province-cluster.XXXXXX")"
fi
mkdir -p "$WORK/logs"
WORK="$(cd "$WORK" && pwd)"
MARKS="$WORK/marks.txt"
SUMMARY="$WORK/summary.txt"
: > "$MARKS"
: > "$SUMMARY"
# PostgreSQL refuses to run as root and nginx's workers drop to nobody: both get a directory of their
# own under /tmp, which they can reach wherever WORK is (a work tree under /root is not).
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/province-cluster-run.XXXXXX")"
chmod 755 "$RUN_DIR"
AS_SERVICE=()
NGINX_USER=""
if [[ "$(id -u)" -eq 0 ]]; then
  AS_SERVICE=(setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups)
  NGINX_USER="user nobody $(id -gn nobody);"
  chown nobody "$RUN_DIR"
fi

declare -a NODE_PID NODE_HTTP NODE_HZ
NGINX_PID=""
SIMULATOR_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "$SIMULATOR_PID" "$NGINX_PID" "${NODE_PID[@]}"; do
    # A frozen node (--freeze) must run again to act on the TERM.
    [[ -n "$pid" ]] && kill -CONT "$pid" 2>/dev/null && kill "$pid" 2>/dev/null || true
  done
  for pid in "$SIMULATOR_PID" "$NGINX_PID" "${NODE_PID[@]}"; do
    [[ -n "$pid" ]] && wait "$pid" 2>/dev/null || true
  done
  if [[ -f "$RUN_DIR/pg/data/postmaster.pid" ]]; then
    "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  cp "$RUN_DIR/pg/postgres.log" "$WORK/logs/" 2>/dev/null || true
  stop_standby
  rm -rf "$RUN_DIR"
  echo "province-cluster: logs, marks and report in $WORK" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() {
  date +%s%3N
}

say() {
  echo "province-cluster: $*"
}

# One line of the summary: key=value, read by people and by ProvinceClusterScenarioTest.
record() {
  echo "$1=$2" >> "$SUMMARY"
  say "$1=$2"
}

mark() {
  echo "$(now_ms) $1" >> "$MARKS"
  say "mark $1"
}

port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

USED_PORTS=" "
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if [[ "$USED_PORTS" != *" $port "* ]] && ! port_taken "$port"; then
      USED_PORTS+="$port "
      echo "$port"
      return
    fi
  done
}

random_hex() {
  od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

health() {
  curl -s -m 2 "http://127.0.0.1:$1/health" 2>/dev/null || true
}

members_seen_by() {
  health "$1" | grep -o '"members":[0-9]*' | cut -d: -f2
}

# --- PostgreSQL standby and failover (--pg-failover-at) ----------------------------------------------
# A second PostgreSQL streams the first one's WAL (pg_basebackup -R, a replication slot) and is
# synchronous: a commit, and so an acknowledged answer, waits until the standby has it on disk. With
# asynchronous replication a promoted standby may lack the last commits acknowledged before the crash.
STANDBY_PORT=""

sql_at() {
  "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U examhall -d postgres -XAtq -c "$2"
}

start_standby() {
  STANDBY_PORT="$(free_port)"
  mkdir -p "$RUN_DIR/pg-standby"
  chown --reference="$RUN_DIR" "$RUN_DIR/pg-standby"
  # initdb's pg_hba.conf lets local replication connections in; --auth=trust, as for the primary.
  "${AS_SERVICE[@]}" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U examhall -D "$RUN_DIR/pg-standby/data" \
    -R -C -S standby1 -X stream --checkpoint=fast > "$WORK/logs/pg_basebackup.log" 2>&1 \
    || { cat "$WORK/logs/pg_basebackup.log" >&2; fail "pg_basebackup failed"; }
  # cluster_name is the standby's application_name at the primary, which synchronous_standby_names names.
  "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg-standby/data" -l "$RUN_DIR/pg-standby/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$STANDBY_PORT -c unix_socket_directories=$RUN_DIR/pg-standby -c max_connections=200 -c cluster_name=standby1" \
    start > /dev/null
  # Set on the primary after the base backup, so the standby's copy of postgresql.auto.conf lacks it:
  # once promoted, it waits for no standby of its own (checked after the promotion).
  sql_at "$PG_PORT" "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" > /dev/null
  sql_at "$PG_PORT" "SELECT pg_reload_conf()" > /dev/null
  local deadline=$((SECONDS + 60))
  until [[ "$(sql_at "$PG_PORT" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'")" == sync ]]; do
    (( SECONDS < deadline )) || fail "the standby did not become synchronous within 60 s; see $RUN_DIR/pg-standby/postgres.log"
    sleep 0.2
  done
  DATABASE_URL="postgresql://examhall@127.0.0.1:$PG_PORT,127.0.0.1:$STANDBY_PORT/postgres?targetServerType=primary"
  say "PostgreSQL standby on 127.0.0.1:$STANDBY_PORT, synchronous (slot standby1)"
  record database_url "$DATABASE_URL"
}

stop_standby() {
  if [[ -f "$RUN_DIR/pg-standby/data/postmaster.pid" ]]; then
    "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg-standby/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  cp "$RUN_DIR/pg-standby/postgres.log" "$WORK/logs/postgres-standby.log" 2>/dev/null || true
}

# Every listed node answers /health with the database up on the given host:port as its primary.
nodes_serve_on() {
  local primary="$1"; shift
  local i reply
  for i in "$@"; do
    reply="$(health "${NODE_HTTP[$i]}")"
    [[ "$reply" == *'"up":true'* && "$reply" == *"\"primary\":\"$primary\""* ]] || return 1
  done
}

# The primary crashes (immediate stop: no shutdown checkpoint, every connection cut) and the standby is
# promoted at once, as an operator or a failover manager would; then every live node must serve on it.
pg_failover() {
  local live=() i started_ms
  for i in "${ALL_NODES[@]}"; do
    [[ -n "${NODE_PID[$i]}" ]] && live+=("$i")
  done
  started_ms="$(now_ms)"
  mark pg-failover
  "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -m immediate -w stop > /dev/null
  record pg_primary_stopped_ms $(( $(now_ms) - started_ms ))
  "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg-standby/data" -w promote > /dev/null
  record pg_standby_promoted_ms $(( $(now_ms) - started_ms ))
  local waits_for
  waits_for="$(sql_at "$STANDBY_PORT" "SHOW synchronous_standby_names")"
  record pg_new_primary_synchronous_standby_names "${waits_for:-none}"
  [[ -z "$waits_for" ]] || FAILURES+=("the promoted standby waits for standby $waits_for: its writes would hang")
  until nodes_serve_on "127.0.0.1:$STANDBY_PORT" "${live[@]}"; do
    if (( $(now_ms) - started_ms > 120000 )); then
      FAILURES+=("nodes not serving on the promoted standby within 120 s")
      break
    fi
    sleep 0.1
  done
  record pg_failover_serving_again_ms $(( $(now_ms) - started_ms ))
  check_staff pg-failover "${live[@]}"
}

# --- PostgreSQL -------------------------------------------------------------------------------------
PG_PORT="$(free_port)"
mkdir -p "$RUN_DIR/pg"
chown -R --reference="$RUN_DIR" "$RUN_DIR/pg"
say "PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
"${AS_SERVICE[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/pg/data" -U examhall --auth=trust -E UTF8 --locale=C.UTF-8 \
  > "$WORK/logs/initdb.log" 2>&1 || { cat "$WORK/logs/initdb.log" >&2; fail "initdb failed"; }
"${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -l "$RUN_DIR/pg/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$RUN_DIR/pg -c max_connections=200" \
  start > /dev/null
DATABASE_URL="postgresql://examhall@127.0.0.1:$PG_PORT/postgres"
[[ "$PG_FAILOVER_AT" == off ]] || start_standby

# --- exam-server nodes ------------------------------------------------------------------------------
for i in $(seq 1 "$NODES"); do
  NODE_HTTP[$i]="$(free_port)"
  NODE_HZ[$i]="$(free_port)"
  NODE_PID[$i]=""
done
MEMBERS=""
for i in $(seq 1 "$NODES"); do
  MEMBERS+="${MEMBERS:+, }127.0.0.1:${NODE_HZ[$i]}"
done
mkdir -p "$WORK/keys"
# What every node shares: cluster, database and keys. Ports and data directory come per node from EXAMHALL_*.
cat > "$WORK/examhall.yaml" <<YAML
mode: demo
http:
  host: 127.0.0.1
  trustedProxies: [127.0.0.1]
database:
  url: $DATABASE_URL
cluster:
  name: province-bench-$(random_hex 4)
  host: 127.0.0.1
  members: [$MEMBERS]
security:
  dataKey: $(random_hex 16)
  indexKey: $(random_hex 32)
province:
  bureauKeyFile: $WORK/keys/province-bureau-key.pem
  bureauPublicKeyFile: $WORK/keys/province-bureau-public.pem
YAML

start_node() {
  local i="$1"
  # The jar itself, not ./examhall, which would rebuild a stale jar in the middle of a run.
  EXAMHALL_HTTP_PORT="${NODE_HTTP[$i]}" EXAMHALL_CLUSTER_PORT="${NODE_HZ[$i]}" EXAMHALL_DATA_DIR="$WORK/node$i" \
    java "@$ROOT/exam-server/jvm.options" "-Xmx$NODE_HEAP" -XX:+ExitOnOutOfMemoryError -jar "${NODE_JAR[$i]:-$TOOLS_JAR}" \
    demo --config "$WORK/examhall.yaml" >> "$WORK/logs/node$i.log" 2>&1 &
  NODE_PID[$i]=$!
}

await_node() {
  local i="$1" deadline=$((SECONDS + 180))
  until [[ -n "$(members_seen_by "${NODE_HTTP[$i]}")" ]]; do
    kill -0 "${NODE_PID[$i]}" 2>/dev/null || { tail -n 30 "$WORK/logs/node$i.log" >&2; fail "node $i exited while starting"; }
    (( SECONDS < deadline )) || fail "node $i did not answer /health within 180 s"
    sleep 0.5
  done
}

# Every listed node counts exactly the given number of members.
cluster_is() {
  local size="$1"; shift
  local i
  for i in "$@"; do
    [[ "$(members_seen_by "${NODE_HTTP[$i]}")" == "$size" ]] || return 1
  done
}

ALL_NODES=($(seq 1 "$NODES"))
# One at a time: the first node migrates the schema and seeds the demo data; the demo seed checks
# before it creates, which holds only when the nodes do not seed at the same moment.
started=$SECONDS
for i in "${ALL_NODES[@]}"; do
  start_node "$i"
  await_node "$i"
  say "node $i up: http 127.0.0.1:${NODE_HTTP[$i]}, cluster 127.0.0.1:${NODE_HZ[$i]}, pid ${NODE_PID[$i]}"
done
until cluster_is "$NODES" "${ALL_NODES[@]}"; do
  (( SECONDS - started < 300 )) || fail "the nodes did not form one cluster of $NODES"
  sleep 0.5
done
record cluster_formed_s $((SECONDS - started))

# --- nginx ------------------------------------------------------------------------------------------
NGINX_PORT="$(free_port)"
mkdir -p "$RUN_DIR/nginx"
chown --reference="$RUN_DIR" "$RUN_DIR/nginx"
UPSTREAMS=""
for i in "${ALL_NODES[@]}"; do
  UPSTREAMS+="127.0.0.1:${NODE_HTTP[$i]} "
done
# The deployment's own rules, with this run's upstreams and port.
"$HERE/nginx-site.sh" "$ROOT/docker/nginx.conf" "$NGINX_PORT" $UPSTREAMS > "$RUN_DIR/nginx/site.conf"
cat > "$RUN_DIR/nginx/nginx.conf" <<NGINX
$NGINX_USER
worker_processes auto;
worker_rlimit_nofile 30000;
daemon off;
pid $RUN_DIR/nginx/nginx.pid;
error_log $WORK/logs/nginx-error.log warn;
events {
  worker_connections 12000;
}
http {
  # A terminal is told apart by the first 8 characters of its credential, never the whole secret.
  map \$http_x_terminal_credential \$terminal {
    "~^(?<tag>.{8})" \$tag;
    default -;
  }
  log_format timing '\$msec \$request_time \$status \$terminal "\$upstream_addr" "\$upstream_status" \$request_method \$uri';
  access_log $WORK/logs/nginx-access.log timing;
  client_body_temp_path $RUN_DIR/nginx/body;
  proxy_temp_path $RUN_DIR/nginx/proxy;
  include $RUN_DIR/nginx/site.conf;
}
NGINX
"$NGINX" -t -q -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e "$WORK/logs/nginx-error.log"
"$NGINX" -p "$RUN_DIR/nginx" -c "$RUN_DIR/nginx/nginx.conf" -e "$WORK/logs/nginx-error.log" &
NGINX_PID=$!
URL="http://127.0.0.1:$NGINX_PORT"
until [[ -n "$(members_seen_by "$NGINX_PORT")" ]]; do
  kill -0 "$NGINX_PID" 2>/dev/null || fail "nginx exited; see $WORK/logs/nginx-error.log"
  sleep 0.2
done
say "nginx on $URL"

# --- staff sessions ---------------------------------------------------------------------------------
# Sessions live in a Hazelcast map with one backup; about 1/NODES of them are owned by the node that dies.
sign_in_staff() {
  local k
  for k in $(seq 1 "$STAFF_SESSIONS"); do
    curl -s -f -m 30 -c "$WORK/staff-$k.cookies" -H 'Content-Type: application/json' \
      -d '{"username":"auditor","password":"demo-auditor-2026"}' "$URL/api/auth/login" > /dev/null \
      || fail "staff sign-in $k through nginx failed"
  done
}

# Every staff session answers /api/auth/me on every given node (directly, not through nginx); waits up
# to 60 s and records how long that took.
check_staff() {
  local label="$1"; shift
  local started_ms deadline=$((SECONDS + 60)) k i bad
  started_ms="$(now_ms)"
  while :; do
    bad=0
    for k in $(seq 1 "$STAFF_SESSIONS"); do
      for i in "$@"; do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' -m 5 -b "$WORK/staff-$k.cookies" \
          "http://127.0.0.1:${NODE_HTTP[$i]}/api/auth/me")" == 200 ]] || bad=$((bad + 1))
      done
    done
    if [[ "$bad" -eq 0 ]]; then
      record "staff_sessions_valid.$label" "$STAFF_SESSIONS/$STAFF_SESSIONS on nodes $(echo "$@" | tr ' ' ',') after $(( $(now_ms) - started_ms )) ms"
      return
    fi
    if (( SECONDS >= deadline )); then
      record "staff_sessions_valid.$label" "FAILED ($bad session-node checks not 200 after 60 s)"
      FAILURES+=("staff sessions after $label")
      return
    fi
    sleep 0.5
  done
}

FAILURES=()

# --- the simulator ----------------------------------------------------------------------------------
# The simulator reads the fault marks as they are written, and scrapes every node's /metrics itself
# (through nginx a scrape would reach one node at random).
METRICS_URLS=()
for i in $(seq 1 "$NODES"); do METRICS_URLS+=("http://127.0.0.1:${NODE_HTTP[$i]}"); done
REPORT_OPTIONS=(--marks-file "$MARKS" --report-dir "$WORK/report" --metrics-url "$(IFS=,; echo "${METRICS_URLS[*]}")")
sign_in_staff
SIM_LOG="$WORK/logs/simulator.log"
say "simulator: $TERMINALS terminals through $URL, answering $DURATION_S s (log $SIM_LOG)"
java -jar "$LOAD_JAR" --url "$URL" --terminals "$TERMINALS" --duration-s "$DURATION_S" \
  --answer-interval-ms "$ANSWER_INTERVAL_MS" --blueprint DEMO-WELD-FUSION "${REPORT_OPTIONS[@]}" "${SIMULATOR_ARGS[@]}" \
  > "$SIM_LOG" 2>&1 &
SIMULATOR_PID=$!

# The simulator prints "start storm: N papers delivered in T s" the moment it lets the terminals answer.
until grep -Eq '^start storm: [0-9]+ papers delivered' "$SIM_LOG"; do
  kill -0 "$SIMULATOR_PID" 2>/dev/null || { tail -n 30 "$SIM_LOG" >&2; fail "the simulator ended before answering"; }
  sleep 0.1
done
ANSWER_START_MS="$(now_ms)"
mark answering

at() {
  local due=$((ANSWER_START_MS + $1 * 1000)) left
  left=$((due - $(now_ms)))
  if (( left > 0 )); then
    sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"
  fi
}

SURVIVORS=()
for i in "${ALL_NODES[@]}"; do
  [[ "$KILL_AT" == off || "$i" -ne "$KILL_NODE" ]] && SURVIVORS+=("$i")
done

# --- fault 1: kill -9 a node (or freeze it first) -----------------------------------------------------
if [[ "$KILL_AT" != off ]]; then
  at "$KILL_AT"
  victim="${NODE_PID[$KILL_NODE]}"
  [[ "$(cat "/proc/$victim/comm")" == java ]] || fail "pid $victim of node $KILL_NODE is not a JVM"
  FAULT="kill-node$KILL_NODE"
  if (( FREEZE )); then
    # A stopped JVM keeps its connections open, as a hung node or a host cut off the network does: only
    # Hazelcast's heartbeat timeout can tell.
    FAULT="freeze-node$KILL_NODE"
    kill -STOP "$victim"
  else
    kill -9 "$victim"
  fi
  FAULT_MS="$(now_ms)"
  mark "$FAULT"
  # Reaped at once, so that kill -0 tells "gone" rather than "zombie"; braces keep bash's "Killed" notice quiet.
  reap() {
    { wait "$victim"; } 2>/dev/null || true
  }
  (( FREEZE )) || reap
  until cluster_is $((NODES - 1)) "${SURVIVORS[@]}"; do
    if (( $(now_ms) - FAULT_MS > 120000 )); then
      FAILURES+=("member loss not detected within 120 s")
      break
    fi
    sleep 0.05
  done
  record member_loss_detected_ms $(( $(now_ms) - FAULT_MS ))
  if (( FREEZE )); then
    kill -9 "$victim"
    mark "kill-node$KILL_NODE"
    reap
  fi
  if kill -0 "$victim" 2>/dev/null || port_taken "${NODE_HTTP[$KILL_NODE]}"; then
    record node_gone "no (pid $victim or port ${NODE_HTTP[$KILL_NODE]} still there)"
    FAILURES+=("node $KILL_NODE survived kill -9")
  else
    record node_gone "yes (pid $victim reaped, kill -0 fails, port ${NODE_HTTP[$KILL_NODE]} refuses)"
  fi
  NODE_PID[$KILL_NODE]=""
  check_staff "$FAULT" "${SURVIVORS[@]}"
fi

# --- fault 2: the node comes back -------------------------------------------------------------------
if [[ "$BACK_AT" != off ]]; then
  at "$BACK_AT"
  BACK_MS="$(now_ms)"
  start_node "$KILL_NODE"
  mark "restart-node$KILL_NODE"
  await_node "$KILL_NODE"
  record node_serving_again_ms $(( $(now_ms) - BACK_MS ))
  until cluster_is "$NODES" "${ALL_NODES[@]}"; do
    (( $(now_ms) - BACK_MS < 180000 )) || { FAILURES+=("node $KILL_NODE did not rejoin"); break; }
    sleep 0.2
  done
  record cluster_whole_again_ms $(( $(now_ms) - BACK_MS ))
  check_staff "restart-node$KILL_NODE" "${ALL_NODES[@]}"
fi

# --- fault 3: PostgreSQL restarts -------------------------------------------------------------------
if [[ "$PG_RESTART_AT" != off ]]; then
  at "$PG_RESTART_AT"
  PG_MS="$(now_ms)"
  mark pg-restart
  "${AS_SERVICE[@]}" "$PG_BIN/pg_ctl" -D "$RUN_DIR/pg/data" -m fast -w restart > /dev/null
  record pg_restart_ms $(( $(now_ms) - PG_MS ))
  LIVE_NODES=("${ALL_NODES[@]}")
  [[ "$BACK_AT" == off ]] && LIVE_NODES=("${SURVIVORS[@]}")
  check_staff pg-restart "${LIVE_NODES[@]}"
fi

if [[ -n "$UPGRADE_FROM" ]]; then
  rolling_upgrade
fi

# --- fault 4: the PostgreSQL primary crashes, the standby is promoted ----------------------------------
if [[ "$PG_FAILOVER_AT" != off ]]; then
  at "$PG_FAILOVER_AT"
  pg_failover
fi

at "$DURATION_S"
mark answering-end
set +e
wait "$SIMULATOR_PID"
SIMULATOR_STATUS=$?
set -e
SIMULATOR_PID=""
record simulator_status "$SIMULATOR_STATUS"
record no_lost_answer "$(grep -E '^(no lost answer|LOST ANSWERS):' "$SIM_LOG" | head -n 1)"
(( SIMULATOR_STATUS == 0 )) || FAILURES+=("simulator exit status $SIMULATOR_STATUS")

# --- what nginx saw around each fault ---------------------------------------------------------------
"$HERE/proxy-log-report.sh" "$MARKS" "$WORK/logs/nginx-access.log" > "$WORK/faults.txt"
while read -r key value; do
  record "$key" "$value"
  if [[ "$key" == unrecovered_terminals.* && "$value" != 0 ]]; then
    FAILURES+=("$key=$value")
  fi
done < "$WORK/faults.txt"

echo
sed -n '/^== results/,$p' "$SIM_LOG"
if [[ "${#FAILURES[@]}" -gt 0 ]]; then
  record result "FAILED: ${FAILURES[*]}"
  exit 1
fi
record result passed
