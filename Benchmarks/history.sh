#!/usr/bin/env bash
# Replays and shards on the 2014 case, each beside its floor in the same run (best of RUNS, peak RSS):
#  - a replay to 23:50 (`compare --case --at`, no cache) against the same analysis without replay
#    (every route of every file added), and `bzip2 -dc` of the RIB;
#  - the map step (`chokepoint shard` of the RIB) against `mrt stats` of the same file;
#  - the reduce step (`compare --shards`, the shards merged) against a warm `compare` (the snapshot).
set -euo pipefail
cd "$(dirname "$0")/.."

. Benchmarks/measure.sh
CASE=examples/north-korea-2014
RIB="$SHARED/mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"
before_each() { rm -rf "$work/shards"; }

echo "replay, map and reduce on $CASE (best of $RUNS)"
measure "bzip2 -dc of the RIB" bzip2 -dc "$RIB"
measure "compare, every route added (no cache)" "$BIN" compare --case "$CASE" --quiet --no-cache
measure "compare --at 2014-05-30T23:50 (no cache)" "$BIN" compare --case "$CASE" --at 2014-05-30T23:50 --quiet --no-cache
echo "  replay / plain: $(ratio "compare --at 2014-05-30T23:50 (no cache)" "compare, every route added (no cache)")"
measure "mrt stats of the RIB" "$BIN" mrt stats "$RIB"
measure "shard of the RIB" "$BIN" shard "$RIB" -o "$work/shards"
echo "  shard / mrt stats: $(ratio "shard of the RIB" "mrt stats of the RIB")"
"$BIN" shard --case "$CASE" -o "$work/kept" > /dev/null 2>&1
XDG_CACHE_HOME="$work/cache" "$BIN" compare --case "$CASE" --quiet > /dev/null 2>&1  # writes the snapshot
measure "compare, warm (the snapshot)" "$BIN" compare --case "$CASE" --quiet
measure "compare --shards (3 shards merged)" "$BIN" compare --case "$CASE" --shards "$work/kept" --quiet
echo "  reduce / warm: $(ratio "compare --shards (3 shards merged)" "compare, warm (the snapshot)")"
