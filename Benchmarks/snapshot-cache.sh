#!/usr/bin/env bash
# The topology snapshot cache: `compare --case` on the 2014 case with a cold cache (parse every MRT,
# pfx2as and as-rel file, build the graph, write the snapshot) against a warm one (read the snapshot),
# and against --no-cache, in one run. Each is timed RUNS times; best wall time and its peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

. Benchmarks/measure.sh
CASE=examples/north-korea-2014
# A cold measurement empties the cache before every run.
cold=0
before_each() { if [ "$cold" = 1 ]; then rm -rf "$work/cache"; fi; }

echo "compare --case $CASE (best of $RUNS)"
cold=1
measure "first run (parse, build, snapshot)" "$BIN" compare --case "$CASE" --quiet
cold=0
measure "second run (snapshot)" "$BIN" compare --case "$CASE" --quiet
measure "--no-cache" "$BIN" compare --case "$CASE" --no-cache --quiet
ls -l "$work"/cache/chokepoint/snapshots/*.snapshot | awk '{printf "  snapshot: %.1f MB\n", $5 / 1e6}'
first=$(cat "$work/first run (parse, build, snapshot).seconds")
second=$(cat "$work/second run (snapshot).seconds")
awk -v a="$first" -v b="$second" 'BEGIN{printf "  second run / first run: %.2f (%.1fx faster)\n", b / a, a / b}'
