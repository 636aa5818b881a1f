#!/usr/bin/env bash
# The main job: the North Korea 2014 case study end to end. Its data sets are named by their public
# URLs in examples/north-korea-2014/case.json; they are read from ../shared/mirror when it exists,
# else downloaded into the cache. Prints the comparison and writes output/north-korea-2014/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/chokepoint
CASE=examples/north-korea-2014
SHARED="${SHARED:-../shared}"
if [ -z "${CHOKEPOINT_MIRROR:-}" ] && [ -d "$SHARED/mirror" ]; then
    export CHOKEPOINT_MIRROR="$SHARED/mirror"
fi
names=()
[ -f "$SHARED/geo/location-20221029-asnames.csv.gz" ] && names=(--as-names "$SHARED/geo/location-20221029-asnames.csv.gz")

echo "== the data sets of $CASE (mirror: ${CHOKEPOINT_MIRROR:-none, downloading into the cache})"
"$BIN" fetch --case "$CASE" | cut -f2

echo
echo "== North Korea, Yemen, Afghanistan and Taiwan side by side"
echo "   (Dyn Research, 22 December 2014: networks KP 4, YE 47, AF 370, TW 5,030; KP's one provider China Unicom, AS4837)"
"$BIN" compare --case "$CASE" "${names[@]}" --svg

echo
echo "== North Korea's companies at the frontier and upstream (names and organisations from the case's files)"
"$BIN" country KP --case "$CASE" "${names[@]}" 2>/dev/null | sed -n '/^upstreams seen on paths$/,/^hegemony/p' | grep -v '^hegemony'

echo
echo "== what if China Unicom (AS4837) failed?"
"$BIN" whatif --remove 4837 --case "$CASE" 2>/dev/null | head -6

echo
echo "== the report"
"$BIN" report --case "$CASE" "${names[@]}" > /dev/null
echo "open output/north-korea-2014/index.html"
