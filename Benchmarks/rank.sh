#!/usr/bin/env bash
# A warm full ranking (`chokepoint rank`, every country) of this build against another, alternated
# run by run on the same inputs so that both see the same spell of a shared machine: the 2014 case
# (P=1) and synthetic full tables fanned out from its RIB to P peers (as Benchmarks/scale.sh makes
# them). Each build warms a snapshot cache of its own first; the rankings must be identical.
#
#   BEFORE=/tmp/old-chokepoint Benchmarks/rank.sh        # P = 1 40 120, three runs each
#   BEFORE=... PEERS="1 40" RUNS=5 Benchmarks/rank.sh
#   Benchmarks/rank.sh                                   # this build alone, with a warm compare of
#                                                        # one small country: the fixed part of a run
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/measure.sh
PEERS="${PEERS:-1 40 120}"
GEN=.build/release/ChokepointBenchmarks
[ -x "$GEN" ] || swift build -c release --product ChokepointBenchmarks >/dev/null
RIB="$SHARED/mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"
builds=("$BIN")
[ -n "${BEFORE:-}" ] && builds=("$BEFORE" "$BIN")

# run BUILD CASE CACHE COMMAND...: once, timed; sets $seconds, $user and $kb, output in $work/out.
run() {
    local build=$1 case=$2 cache=$3
    shift 3
    XDG_CACHE_HOME="$cache" /usr/bin/time -f "%e %U %M" -o "$work/time" "$build" "$@" --case "$case" --quiet --format csv \
        > "$work/out" 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
    read -r seconds user kb < "$work/time"
}

printf "%-4s %-10s %15s %15s %12s %9s\n" P build "warm rank s" "CPU s" "peak MB" "compare KP"
for peers in $PEERS; do
    if [ "$peers" = 1 ]; then
        case_dir=examples/north-korea-2014
    else
        case_dir="$work/case-$peers"
        mkdir -p "$case_dir"
        "$GEN" fanout "$RIB" "$work/p$peers.bz2" "$peers" bzip2 > /dev/null
        python3 Benchmarks/scale-case.py "$case_dir" "$work/p$peers.bz2" KP
    fi
    declare -A low=() high=() cpu=() peak=() fixed=()
    for index in "${!builds[@]}"; do
        run "${builds[$index]}" "$case_dir" "$work/cache-$index" compare KP   # warms the cache
        run "${builds[$index]}" "$case_dir" "$work/cache-$index" compare KP
        fixed[$index]=$seconds
    done
    for _ in $(seq "$RUNS"); do
        for index in "${!builds[@]}"; do
            run "${builds[$index]}" "$case_dir" "$work/cache-$index" rank
            cp "$work/out" "$work/rank-$index.csv"
            if [ -z "${low[$index]:-}" ] || awk "BEGIN{exit !($seconds < ${low[$index]})}"; then low[$index]=$seconds; cpu[$index]=$user; fi
            if [ -z "${high[$index]:-}" ] || awk "BEGIN{exit !($seconds > ${high[$index]})}"; then high[$index]=$seconds; fi
            if [ -z "${peak[$index]:-}" ] || [ "$kb" -gt "${peak[$index]}" ]; then peak[$index]=$kb; fi
        done
    done
    for index in "${!builds[@]}"; do
        label=$([ "${#builds[@]}" = 2 ] && [ "$index" = 0 ] && echo before || echo this)
        printf "%-4s %-10s %7.2f-%-7.2f %15.2f %12.0f %9.2f\n" "$peers" "$label" "${low[$index]}" "${high[$index]}" \
            "${cpu[$index]}" "$((peak[$index] / 1024))" "${fixed[$index]}"
    done
    if [ "${#builds[@]}" = 2 ]; then
        cmp -s "$work/rank-0.csv" "$work/rank-1.csv" || { echo "rank: P=$peers: the two builds rank differently" >&2; exit 1; }
        awk -v a="${low[1]}" -v b="${low[0]}" -v p="$peers" 'BEGIN { printf "%-4s this/before %.2f (fastest runs), the same ranking\n", p, a / b }'
    fi
    unset low high cpu peak fixed
    rm -rf "$work"/cache-* "$work/p$peers.bz2"
done
echo
echo "warm rank: the fastest and slowest of $RUNS runs, the two builds alternated; CPU: user time of the fastest;"
echo "compare KP: a warm compare of one small country, the part of every run that is not the profiles."
