#!/usr/bin/env bash
# Prints a deployment nginx site (docker/nginx.conf) with other upstream addresses and a loopback
# listen port, so that the benchmark runs behind the very rules a province deploys. The benchmark speaks
# plain HTTP: the site's HTTPS server listens on the loopback port without TLS, and the redirect from
# port 80 goes.
# Usage: nginx-site.sh SITE.conf PORT HOST:PORT...
set -euo pipefail

[[ $# -ge 3 ]] || { echo "usage: $0 SITE.conf PORT HOST:PORT..." >&2; exit 2; }
site="$1"
port="$2"
shift 2

# The first "server nodeN:8080 ...;" line of the upstream gives the parameters (max_fails, fail_timeout)
# for every address; the other node lines go.
awk -v port="$port" -v addresses="$*" '
  /^[[:space:]]*server[[:space:]]+node[0-9]+:[0-9]+/ {
    if (!done) {
      params = $0
      sub(/^[[:space:]]*server[[:space:]]+[^[:space:]; ]+/, "", params)
      n = split(addresses, address, " ")
      for (i = 1; i <= n; i++) print "    server " address[i] params
      done = 1
    }
    next
  }
  /^[[:space:]]*server[[:space:]]*\{[[:space:]]*listen[[:space:]]+80;.*return[[:space:]]+301/ { next }
  /^[[:space:]]*ssl_/ { next }
  /^[[:space:]]*listen[[:space:]]+443[[:space:]]+ssl;/ { sub(/listen[[:space:]]+443[[:space:]]+ssl;/, "listen 127.0.0.1:" port ";"); listened = 1 }
  { print }
  END {
    if (!done) { print "no upstream server line in the site" > "/dev/stderr"; exit 1 }
    if (!listened) { print "no \"listen 443 ssl;\" line in the site" > "/dev/stderr"; exit 1 }
  }
' "$site"
