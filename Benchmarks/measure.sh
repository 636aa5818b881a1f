# Sourced by the benchmark scripts from the package root: the shared data (CHOKEPOINT_SHARED, the
# mirror required), RUNS (3 by default), the release binary BIN (built when missing), and a work
# directory removed on exit; then `measure` and `ratio`.
SHARED="${CHOKEPOINT_SHARED:-../shared}"
RUNS="${RUNS:-3}"
BIN=.build/release/chokepoint
[ -d "$SHARED/mirror" ] || { echo "bench: $SHARED/mirror is absent (set CHOKEPOINT_SHARED)" >&2; exit 1; }
[ -x "$BIN" ] || swift build -c release >/dev/null
export CHOKEPOINT_MIRROR="$SHARED/mirror"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Sourced by the benchmark scripts: `measure LABEL COMMAND...` runs the command RUNS times with
# XDG_CACHE_HOME="$work/cache", calling `before_each` (when the script defines it) before every
# run, and prints the best wall time with that run's peak RSS; the seconds are kept as
# "$work/LABEL.seconds" for `ratio A B`.
measure() {
    local label=$1 best="" best_kb=""
    shift
    for _ in $(seq "$RUNS"); do
        if declare -F before_each > /dev/null; then before_each; fi
        XDG_CACHE_HOME="$work/cache" /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" \
            || { cat "$work/stderr" >&2; exit 1; }
        read -r seconds kb < "$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($seconds < $best)}"; then best=$seconds; best_kb=$kb; fi
    done
    printf '  %-44s %6.2f s  %7d KB peak\n' "$label" "$best" "$best_kb"
    echo "$best" > "$work/$label.seconds"
}

# ratio A B: the best seconds of measurement A over B's.
ratio() { awk -v a="$(cat "$work/$1.seconds")" -v b="$(cat "$work/$2.seconds")" 'BEGIN { printf "%.2f", a / b }'; }
