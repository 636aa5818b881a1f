#!/usr/bin/env bash
# The main job, end to end, on the North Korea 2014 data: fetch the data sets by date (from
# ../shared/mirror when it exists, else from the public archives into the cache), read the RIB,
# and count each country's routed networks as Dyn Research did.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/chokepoint
SHARED="${SHARED:-../shared}"
if [ -z "${CHOKEPOINT_MIRROR:-}" ] && [ -d "$SHARED/mirror" ]; then
    export CHOKEPOINT_MIRROR="$SHARED/mirror"
fi
echo "== data (mirror: ${CHOKEPOINT_MIRROR:-none, downloading into the cache})"
rib=$("$BIN" fetch rib --date 2014-05-30T22:00 --collector route-views.jinx | cut -f1)
updates=$("$BIN" fetch updates --date 2014-05-30T23:45 --collector route-views.jinx | cut -f1)
ris=$("$BIN" fetch updates --date 2014-05-30T22:15 --collector rrc06 | cut -f1)
pfx2as=$("$BIN" fetch pfx2as --date 2014-12-02 | cut -f1)
asrel=$("$BIN" fetch as-rel --date 2015-02-01 | cut -f1)
delegated=()
while IFS=$'\t' read -r path _; do delegated+=(--delegated "$path"); done < <("$BIN" fetch delegated --date 2014-08-01)
echo "$rib"; echo "$updates"; echo "$ris"; echo "$pfx2as"; echo "$asrel"; printf '%s\n' "${delegated[@]}" | grep -v -- --delegated

echo
echo "== the route-views.jinx RIB of 2014-05-30 22:00"
"$BIN" mrt stats "$rib"

echo
echo "== routed IPv4 networks, 2014-12-02 (Dyn Research, December 2014: KP 4, YE 47, AF 370, TW 5,030)"
"$BIN" geo networks --pfx2as "$pfx2as" "${delegated[@]}" KP YE AF TW
geo="$SHARED/geo/GeoLite2-City-20150303.mmdb"
if [ -f "$geo" ]; then
    "$BIN" geo networks --pfx2as "$pfx2as" "${delegated[@]}" --geo "mmdb:$geo" KP YE AF TW
fi

echo
echo "== North Korea, Yemen, Afghanistan and Taiwan side by side (diagrams under output/)"
names=()
[ -f "$SHARED/geo/location-20221029-asnames.csv.gz" ] && names=(--as-names "$SHARED/geo/location-20221029-asnames.csv.gz")
"$BIN" compare KP YE AF TW --rib "$rib" --updates "$updates" --updates "$ris" --pfx2as "$pfx2as" --as-rel "$asrel" \
    "${delegated[@]}" "${names[@]}" --svg -o output/north-korea-2014/compare.svg
"$BIN" render KP --rib "$rib" --updates "$updates" --updates "$ris" --pfx2as "$pfx2as" --as-rel "$asrel" \
    "${delegated[@]}" "${names[@]}" -o output/north-korea-2014/KP.svg
