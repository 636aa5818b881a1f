#!/usr/bin/env bash
# The MRT reader's speed, side by side with bgpdump and with bzip2 alone (the floor), in one run.
# Each command runs RUNS times; the best wall time and its peak RSS are reported.
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${CHOKEPOINT_SHARED:-../shared}"
RIB="${1:-$SHARED/mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2}"
RUNS="${RUNS:-5}"
BIN=.build/release/chokepoint

[ -f "$RIB" ] || { echo "bench: $RIB is absent (set CHOKEPOINT_SHARED)" >&2; exit 1; }
[ -x "$BIN" ] || swift build -c release >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plain="$work/rib.mrt"
bzip2 -dc "$RIB" > "$plain"
bytes=$(stat -c %s "$plain")
routes=$("$BIN" mrt stats "$plain" | sed -n 's/^routes: \([0-9]*\).*/\1/p')

# best_of COMMAND...: prints "seconds peak_kb" for the fastest of RUNS runs.
best_of() {
    local best="" best_kb=""
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
        read -r seconds kb < "$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; best_kb=$kb; fi
    done
    echo "$best $best_kb"
}

report() {  # label seconds kb reference_seconds
    awk -v label="$1" -v s="$2" -v kb="$3" -v ref="$4" -v routes="$routes" -v bytes="$bytes" 'BEGIN {
        if (s < 0.005) s = 0.005
        printf "  %-34s %7.2f s %10.0f routes/s %7.1f MB/s %7.1f MB peak %7.2fx\n",
            label, s, routes / s, bytes / s / 1e6, kb / 1024, ref / s
    }'
}

echo "input: $RIB"
echo "  $routes routes, $bytes bytes decompressed, best of $RUNS runs"
echo
echo "compressed (.bz2); last column: speed relative to bgpdump -m"
read -r dump_s dump_kb < <(best_of bgpdump -m "$RIB")
read -r bz_s bz_kb < <(best_of bzip2 -dc "$RIB")
read -r stats_s stats_kb < <(best_of "$BIN" mrt stats "$RIB")
read -r ours_dump_s ours_dump_kb < <(best_of "$BIN" mrt dump "$RIB")
report "bgpdump -m FILE" "$dump_s" "$dump_kb" "$dump_s"
report "bzip2 -dc FILE (floor)" "$bz_s" "$bz_kb" "$dump_s"
if command -v lbzip2 >/dev/null; then
    read -r lbz_s lbz_kb < <(best_of lbzip2 -dc "$RIB")
    report "lbzip2 -dc FILE" "$lbz_s" "$lbz_kb" "$dump_s"
fi
report "chokepoint mrt stats FILE" "$stats_s" "$stats_kb" "$dump_s"
report "chokepoint mrt dump FILE" "$ours_dump_s" "$ours_dump_kb" "$dump_s"
awk -v s="$stats_s" -v bz="$bz_s" 'BEGIN { printf "  mrt stats / bzip2 -dc: %.2fx (target at most 1.3)\n", s / bz }'
echo
echo "decompressed (plain MRT); last column: speed relative to bgpdump -m"
read -r pdump_s pdump_kb < <(best_of bgpdump -m "$plain")
read -r pstats_s pstats_kb < <(best_of "$BIN" mrt stats "$plain")
read -r pours_s pours_kb < <(best_of "$BIN" mrt dump "$plain")
report "bgpdump -m FILE" "$pdump_s" "$pdump_kb" "$pdump_s"
report "chokepoint mrt stats FILE" "$pstats_s" "$pstats_kb" "$pdump_s"
report "chokepoint mrt dump FILE" "$pours_s" "$pours_kb" "$pdump_s"
