#!/usr/bin/env bash
# What nginx saw around each fault, from its access log (the "timing" format of province-cluster.sh:
# msec request_time status terminal "upstream_addr" "upstream_status" method uri) and the marks file
# ("epoch-ms label" lines). Prints "key.label value" lines, per fault mark up to the next mark:
#   requests, client_5xx (errors nginx passed to a terminal or console), rerouted (requests nginx sent
#   to a second node after the first failed), p99_during_ms (first 10 s after the mark), p99_after_ms
#   (from then to the next mark), affected_terminals (a request of theirs in the window failed, or
#   was answered only after a stall of over 5 s), recovery_ms (from the mark until the last affected
#   terminal was served again: the answer to its first request sent after its last failure, or the
#   stalled answer), unrecovered_terminals (failed and never answered again in the whole log).
# and p99_ms.before-faults for the answer phase before the first fault.
# Usage: proxy-log-report.sh MARKS ACCESS_LOG
set -euo pipefail

marks="$1"
log="$2"
DURING_MS=10000
STALL_S=5

percentile99() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else { i = int(NR * 0.99); if (i < NR * 0.99) i++; printf "%.0f\n", v[i] * 1000 } }'
}

# Windows: [mark, next mark) for every mark but the last; "answering" opens the fault-free window.
windows="$(sort -n "$marks" | awk 'NR > 1 { print start, $1, label } { start = $1; label = $2 }')"
[[ -n "$windows" ]] || { echo "no marks in $marks" >&2; exit 1; }

# Each request once, by start time (ms): start end seconds status terminal upstreams. The submit
# storm begins as answering ends, a few milliseconds before the answering-end mark: it is no fault's.
requests="$(mktemp)"
trap 'rm -f "$requests"' EXIT
awk '$NF != "/api/exam/submit" { end = $1 * 1000; printf "%.0f %.0f %s %s %s %s\n", end - $2 * 1000, end, $2, $3, $4, $5 }' "$log" \
  | sort -n -k1,1 > "$requests"

while read -r from to label; do
  if [[ "$label" == answering ]]; then
    echo "p99_ms.before-faults $(awk -v a="$from" -v b="$to" '$2 >= a && $2 < b { print $3 }' "$requests" | percentile99)"
    continue
  fi
  awk -v a="$from" -v b="$to" -v label="$label" -v stall="$STALL_S" '
    $2 < a { next }
    $1 < b {
      requests++
      if ($4 >= 500) client5xx++
      if ($6 ~ /,/) rerouted++
    }
    $5 == "-" { next }
    {
      t = $5
      if ($1 < b && ($4 >= 500 || $4 == 499)) {
        if (!(t in affected)) affectedCount++
        affected[t] = 1
        failedUntil[t] = $2
      } else if ((t in failedUntil) && $1 >= failedUntil[t]) {
        # The first answer to a request sent after the failure, however long after the window.
        delete failedUntil[t]
        if ($2 > recovered) recovered = $2
      } else if ($1 < b && $3 > stall) {
        # Served, but only after a stall: the terminal waited until this answer.
        if (!(t in affected)) affectedCount++
        affected[t] = 1
        if ($2 > recovered) recovered = $2
      }
    }
    END {
      unrecovered = 0
      for (t in failedUntil) unrecovered++
      printf "requests.%s %d\nclient_5xx.%s %d\nrerouted.%s %d\naffected_terminals.%s %d\n", label, requests, label, client5xx, label, rerouted, label, affectedCount
      printf "recovery_ms.%s %d\nunrecovered_terminals.%s %d\n", label, (recovered > a ? recovered - a : 0), label, unrecovered
    }' "$requests"
  echo "p99_during_ms.$label $(awk -v a="$from" -v b="$((from + DURING_MS))" -v c="$to" '$2 >= a && $2 < b && $2 < c { print $3 }' "$requests" | percentile99)"
  echo "p99_after_ms.$label $(awk -v a="$((from + DURING_MS))" -v c="$to" '$2 >= a && $2 < c { print $3 }' "$requests" | percentile99)"
done <<< "$windows"
