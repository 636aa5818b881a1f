#!/usr/bin/env bash
# The topology snapshot cache: `compare --case` on the 2014 case with a cold cache (parse every MRT,
# pfx2as and as-rel file, build the graph, write the snapshot) against a warm one (read the snapshot),
# and against --no-cache, in one run. Each is timed RUNS times; best wall time and its peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${CHOKEPOINT_SHARED:-../shared}"
RUNS="${RUNS:-3}"
BIN=.build/release/chokepoint
CASE=examples/north-korea-2014
[ -d "$SHARED/mirror" ] || { echo "bench: $SHARED/mirror is absent (set CHOKEPOINT_SHARED)" >&2; exit 1; }
[ -x "$BIN" ] || swift build -c release >/dev/null
export CHOKEPOINT_MIRROR="$SHARED/mirror"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure LABEL COLD(0|1) ARGS...: best of RUNS; with COLD=1 the cache is emptied before every run.
measure() {
    local label=$1 cold=$2 best="" best_kb=""
    shift 2
    for _ in $(seq "$RUNS"); do
        [ "$cold" = 1 ] && rm -rf "$work/cache"
        XDG_CACHE_HOME="$work/cache" /usr/bin/time -f "%e %M" -o "$work/time" "$BIN" "$@" --quiet > /dev/null 2> "$work/stderr" \
            || { cat "$work/stderr" >&2; exit 1; }
        read -r seconds kb < "$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; best_kb=$kb; fi
    done
    printf '  %-34s %6.2f s  %7d KB peak\n' "$label" "$best" "$best_kb"
    echo "$best" > "$work/$label.seconds"
}

echo "compare --case $CASE (best of $RUNS)"
measure "first run (parse, build, snapshot)" 1 compare --case "$CASE"
measure "second run (snapshot)" 0 compare --case "$CASE"
measure "--no-cache" 0 compare --case "$CASE" --no-cache
ls -l "$work"/cache/chokepoint/snapshots/*.snapshot | awk '{printf "  snapshot: %.1f MB\n", $5 / 1e6}'
first=$(cat "$work/first run (parse, build, snapshot).seconds")
second=$(cat "$work/second run (snapshot).seconds")
awk -v a="$first" -v b="$second" 'BEGIN{printf "  second run / first run: %.2f (%.1fx faster)\n", b / a, a / b}'
