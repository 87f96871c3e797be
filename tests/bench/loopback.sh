#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Benchmark (prints numbers, asserts nothing): time to first SSE byte and total time through kiro-proxyd on loopback
# with the fake Kiro upstream, plus kiro-proxyd's resident memory idle and after a burst of concurrent streams.
#   tests/bench/loopback.sh [build-dir] [requests]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
n="${2:-200}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
node "$root/tests/e2e/fake-kiro-upstream.mjs" --port 0 > "$work/fake.log" &
for _ in $(seq 50); do grep -q listening "$work/fake.log" && break; sleep 0.1; done
fake="$(sed -n 's/.*listening on //p' "$work/fake.log")"
DATA_DIR="$work" API_KEY=bench REFRESH_TOKEN="bench-$(printf 'b%.0s' $(seq 120))" KIRO_API_ENDPOINT="$fake" \
  KIRO_SOCIAL_AUTH_ENDPOINT="$fake" QT_LOGGING_RULES='*.info=false' "$build/app/kiro-proxyd" --port 0 > "$work/proxyd.log" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q listening "$work/proxyd.log" && break; sleep 0.1; done
base="$(sed -n 's/.*listening on //p' "$work/proxyd.log")"
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
echo "kiro-proxyd RSS idle: $(rss) KiB"
body='{"model":"claude-sonnet-4-6","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"benchmark"}]}'
curl -s -o /dev/null "$base/v1/messages" -H 'x-api-key: bench' -H 'content-type: application/json' -d "$body" # warm: token refresh
for i in $(seq "$n"); do
  curl -s -o /dev/null -w '%{time_starttransfer} %{time_total}\n' "$base/v1/messages" -H 'x-api-key: bench' \
    -H 'content-type: application/json' -d "$body"
done > "$work/times"
sort -n "$work/times" | awk -v n="$n" '{t[NR]=$1; s[NR]=$2} END {
  printf "first SSE byte: median %.2f ms, p95 %.2f ms; total: median %.2f ms  (%d sequential streams)\n",
    t[int(n/2)]*1000, t[int(n*0.95)]*1000, s[int(n/2)]*1000, n }'
curls=()
for i in $(seq 50); do
  curl -s -o /dev/null "$base/v1/messages" -H 'x-api-key: bench' -H 'content-type: application/json' -d "$body" &
  curls+=($!)
done
wait "${curls[@]}"
echo "kiro-proxyd RSS after 50 concurrent streams: $(rss) KiB"
