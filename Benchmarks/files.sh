#!/usr/bin/env bash
# Several MRT files read at once: K synthetic RIBs (the real 2014 route-views.jinx RIB fanned out to
# P peers each, RIBFanOut), one per collector as a date with several collectors has them, loaded
# into one topology with one file read at a time and two at a time, in the same run, beside the
# floor (decompression alone of every file, one after another and two at once). Files are built under a
# temporary directory and removed afterwards.
#
#   Benchmarks/files.sh              # K=4 files of P=10 peers (20M routes)
#   FILES=2 PEERS=40 COMPRESSION=gzip Benchmarks/files.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED="${CHOKEPOINT_SHARED:-../shared}"
RIB="$SHARED/mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"
[ -f "$RIB" ] || { echo "files: $RIB is absent (set CHOKEPOINT_SHARED)" >&2; exit 1; }
FILES="${FILES:-4}"
PEERS="${PEERS:-10}"
COMPRESSION="${COMPRESSION:-bzip2}"
case "$COMPRESSION" in bzip2) EXT=bz2; TOOL="bzip2 -dc";; gzip) EXT=gz; TOOL="gzip -dc";; *) echo "files: COMPRESSION is bzip2 or gzip" >&2; exit 2;; esac
GEN=.build/release/ChokepointBenchmarks
[ -x "$GEN" ] || swift build -c release --product ChokepointBenchmarks >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/chokepoint-files.XXXXXX")
trap 'rm -rf "$work"' EXIT

inputs=()
for index in $(seq 1 "$FILES"); do
    "$GEN" fanout "$RIB" "$work/rib$index.$EXT" "$PEERS" "$COMPRESSION" >/dev/null
    inputs+=("collector$index=$work/rib$index.$EXT")
done

# timed COMMAND...: prints seconds and peak memory; the command's output is kept in $work/out.
timed() {
    /usr/bin/time -f "%e s, peak %M KB" -o "$work/time" "$@" > "$work/out"
    cat "$work/time"
}

echo "$FILES files of $PEERS peers each ($(du -ch "$work"/*."$EXT" | tail -1 | cut -f1) of $COMPRESSION):"
printf "  %-42s %s\n" "$TOOL, one file after another:" "$(timed sh -c "for f in $work/*.$EXT; do $TOOL \$f; done")"
printf "  %-42s %s\n" "$TOOL, two files at once:" "$(timed sh -c "ls $work/*.$EXT | xargs -P 2 -n 1 $TOOL")"
for readers in 1 2; do
    printf "  %-42s %s\n" "load, $readers file(s) at once:" "$(timed "$GEN" load "$readers" "${inputs[@]}")"
    sed 's/^/    /' "$work/out"
done
