#!/usr/bin/env bash
# make fuzz: builds each fuzz target with libFuzzer and AddressSanitizer, seeds it from ../shared,
# runs it, and prints executions, coverage and findings per target.
#
#   Fuzz/run.sh [TARGET ...]        all targets when none is named
#   FUZZ_SECONDS=60                 time per target (default 60)
#   FUZZ_RUNS=N                     stop a target after N executions instead (FUZZ_SECONDS still caps it)
#
# Corpora persist in .build-fuzz/corpus/<target>, crashes in .build-fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${CHOKEPOINT_SHARED:-$(cd .. && pwd)/shared}"
[ -d "$shared" ] || { echo "fuzz: the shared data directory $shared is absent" >&2; exit 1; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(mrt maxmind delegated pfx2as as-rel tor as-names as-org case-manifest snapshot)
seconds="${FUZZ_SECONDS:-60}"
runs="${FUZZ_RUNS:--1}"

swift build -c release --product chokepoint >/dev/null
for target in "${targets[@]}"; do
    CHOKEPOINT_FUZZ=1 swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \
        --product "fuzz-$target" 2>&1 | grep -E "error|warning: unre" || true
done

seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
python3 Fuzz/seeds.py "$shared" "$seeds" "$PWD/.build/release/chokepoint" "$PWD"

printf '%-14s %12s %9s %7s %7s %7s %s\n' target executions exec/s cov ft corpus findings
for target in "${targets[@]}"; do
    corpus=".build-fuzz/corpus/$target"
    artifacts=".build-fuzz/artifacts/$target/"
    mkdir -p "$corpus" "$artifacts"
    log=".build-fuzz/fuzz-$target.log"
    # 256 MB is the most any one allocation may take; leaks are reported (LeakSanitizer).
    ASAN_OPTIONS="quarantine_size_mb=64:detect_leaks=1" \
        ".build-fuzz/release/fuzz-$target" "$corpus" "$seeds/$target" -max_total_time="$seconds" -runs="$runs" \
        -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$artifacts" >"$log" 2>&1 || true
    executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo -)
    ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo -)
    units=$(ls "$corpus" 2>/dev/null | wc -l)
    findings=$(ls "$artifacts" 2>/dev/null | wc -l)
    printf '%-14s %12s %9s %7s %7s %7s %s\n' "$target" "$executions" "$rate" "$cov" "$ft" "$units" \
        "$([ "$findings" -eq 0 ] && echo none || echo "$findings in $artifacts (see $log)")"
done
