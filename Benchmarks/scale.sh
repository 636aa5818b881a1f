#!/usr/bin/env bash
# How the analysis scales with the size of a RIB: synthetic full tables built from the real 2014
# route-views.jinx RIB (its prefixes and paths fanned out to P peers, RIBFanOut), at P = 1 (the real
# file), 10, 40 and 120, each timed in the same run beside the floor (bzip2 -dc of the same file)
# and `mrt stats`, with peak memory and the snapshot's size. Files are built under a temporary
# directory (about 0.35 GB of .bz2 at P=120) and removed afterwards.
#
#   Benchmarks/scale.sh            # P = 1 10 40 120
#   PEERS="1 10" Benchmarks/scale.sh
#   BIN=/path/to/other/chokepoint Benchmarks/scale.sh   # another build, for before/after tables
#   RUNS=5 Benchmarks/scale.sh     # runs of stats, cold, warm and rank to take the fastest of (3 by
#                                  # default; a shared machine's noise is one-sided: it only adds time)
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${CHOKEPOINT_SHARED:-../shared}"
MIRROR="$(cd "$SHARED/mirror" 2>/dev/null && pwd)" || { echo "scale: $SHARED/mirror is absent (set CHOKEPOINT_SHARED)" >&2; exit 1; }
RIB="$MIRROR/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"
PEERS="${PEERS:-1 10 40 120}"
RUNS="${RUNS:-3}"
BIN="${BIN:-.build/release/chokepoint}"
GEN=.build/release/ChokepointBenchmarks
[ -x "$BIN" ] || swift build -c release >/dev/null
[ -x "$GEN" ] || swift build -c release --product ChokepointBenchmarks >/dev/null
export CHOKEPOINT_MIRROR="$MIRROR"

work=$(mktemp -d "${TMPDIR:-/tmp}/chokepoint-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A case per size: the 2014 case's reference data (from the mirror), the RIB under test, no updates.
make_case() {  # directory rib
    mkdir -p "$1"
    python3 Benchmarks/scale-case.py "$1" "$2"
}

# timed LABEL COMMAND...: runs once, sets $seconds and $kb, keeps standard error in $work/stderr.
timed() {
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r seconds kb < "$work/time"
}

# fastest BEST SECONDS: the smaller (BEST empty at first).
fastest() { if [ -z "$1" ] || awk -v a="$2" -v b="$1" 'BEGIN { exit !(a < b) }'; then echo "$2"; else echo "$1"; fi; }

printf "%-5s %8s %9s %8s %8s %8s %9s %9s %9s %9s %9s %7s %9s %9s %8s %8s\n" \
    P routes "distinct" "bzip2" "lbzip2" "stats" "cold all" "cold" "warm" "rank" "peak" snap "stats/bz" "cold/stat" "us/route" "gen"
printf "%-5s %8s %9s %8s %8s %8s %9s %9s %9s %9s %9s %7s %9s %9s %8s %8s\n" \
    "" "(M)" "paths(M)" "-dc s" "-dc s" "s" "compare s" "compare s" "compare s" "warm s" "MB" "MB" "" "" "cold" "s"
for peers in $PEERS; do
    if [ "$peers" = 1 ]; then
        file="$RIB"; gen="real"
    else
        file="$work/p$peers.bz2"
        timed "$GEN" fanout "$RIB" "$file" "$peers" bzip2
        gen=$seconds
    fi
    make_case "$work/case-$peers" "$file"
    cache="$work/cache-$peers"
    timed bzip2 -dc "$file"; bz=$seconds
    lbz="-"
    if command -v lbzip2 >/dev/null; then timed lbzip2 -dc "$file"; lbz=$seconds; fi
    routes=$("$BIN" mrt stats "$file" | sed -n 's/^routes: \([0-9]*\).*/\1/p')
    XDG_CACHE_HOME="$cache" timed "$BIN" compare --case "$work/case-$peers" --quiet --format csv
    coldall=$seconds; peak=$kb
    # Cold: the RIB's snapshot (and every remembered fingerprint) gone but the reference data's cache
    # kept, as when a new RIB is analysed against reference data read before (the registries' files
    # of a date serve every collector's RIBs of it). It and `mrt stats` run in turn, RUNS times each,
    # and the fastest of each is taken: a shared machine's slow spells then weigh on both alike.
    stats=""; cold=""
    for _ in $(seq "$RUNS"); do
        timed "$BIN" mrt stats "$file"; stats=$(fastest "$stats" "$seconds")
        rm -rf "$cache/chokepoint/snapshots" "$cache/chokepoint/fingerprints"
        XDG_CACHE_HOME="$cache" timed "$BIN" compare --case "$work/case-$peers" --quiet --format csv
        cold=$(fastest "$cold" "$seconds"); [ "$kb" -gt "$peak" ] && peak=$kb
    done
    distinct=$(sed -n 's/.*routes, \([0-9]*\) distinct paths.*/\1/p' "$work/stderr" | head -1)
    warm=""; rank=""
    for _ in $(seq "$RUNS"); do
        XDG_CACHE_HOME="$cache" timed "$BIN" compare --case "$work/case-$peers" --quiet --format csv
        warm=$(fastest "$warm" "$seconds"); [ "$kb" -gt "$peak" ] && peak=$kb
        XDG_CACHE_HOME="$cache" timed "$BIN" rank --case "$work/case-$peers" --quiet --format csv
        rank=$(fastest "$rank" "$seconds"); [ "$kb" -gt "$peak" ] && peak=$kb
    done
    snap=$(du -cb "$cache"/chokepoint/snapshots/*.snapshot 2>/dev/null | tail -1 | cut -f1)
    awk -v p="$peers" -v r="$routes" -v d="${distinct:-0}" -v bz="$bz" -v lbz="$lbz" -v st="$stats" -v coldall="$coldall" \
        -v cold="$cold" -v warm="$warm" -v rank="$rank" -v kb="$peak" -v snap="${snap:-0}" -v gen="$gen" 'BEGIN {
        printf "%-5s %8.2f %9.2f %8.2f %8s %8.2f %9.2f %9.2f %9.2f %9.2f %9.0f %7.0f %9.2f %9.2f %8.2f %8s\n",
            p, r / 1e6, d / 1e6, bz, lbz, st, coldall, cold, warm, rank, kb / 1024, snap / 1e6, st / bz, cold / st, cold / r * 1e6, gen
    }'
    rm -rf "$cache" "$work/p$peers.bz2"
done
echo
echo "stats/bz: mrt stats over bzip2 -dc of the same file (the floor); cold all: a compare with nothing cached;"
echo "cold: a compare with no snapshot of the RIB (read, build, snapshot, analyse), the reference data's cache kept;"
echo "stats and cold: the fastest of $RUNS runs each, in turn; cold/stat: cold over mrt stats; us/route: cold per route;"
echo "warm and rank: the fastest of $RUNS runs;"
echo "peak: the largest of all the runs."
