"""make test-cluster: the Spark job (local[2]) against `chokepoint history` run on this machine.

The units are every (date, collector) whose RIB the mirror holds, in a copy of the shared mirror
made for the run (and removed after it) with synthetic RIBs added: the real 2014 jinx RIB fanned
out to other collectors and another date (`ChokepointBenchmarks fanout`), so that a date merges
shards of several collectors and the history has more than one date. Passes when the job's CSV
equals the local history's, byte for byte, with rows for at least two dates.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

RIB_PATTERNS = [
    (re.compile(r"^archive\.routeviews\.org/bgpdata/\d{4}\.\d{2}/RIBS/rib\.(\d{8})\.\d{4}\.bz2$"), lambda match: "route-views2"),
    (re.compile(r"^archive\.routeviews\.org/([^/]+)/bgpdata/\d{4}\.\d{2}/RIBS/rib\.(\d{8})\.\d{4}\.bz2$"), None),
    (re.compile(r"^data\.ris\.ripe\.net/(rrc\d\d)/\d{4}\.\d{2}/bview\.(\d{8})\.\d{4}\.gz$"), None),
]

JINX_RIB = "archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2"
# (path in the mirror, peers, compression, records' time): other collectors beside jinx on 30 May,
# and route-views2 again at midnight, the next date.
SYNTHETIC = [
    ("archive.routeviews.org/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2", 4, "bzip2", 1_401_487_200),
    ("data.ris.ripe.net/rrc00/2014.05/bview.20140530.1600.gz", 3, "gzip", 1_401_465_600),
    ("archive.routeviews.org/bgpdata/2014.05/RIBS/rib.20140531.0000.bz2", 4, "bzip2", 1_401_494_400),
]
COUNTRIES = ["KP", "YE", "AF", "TW"]


def copy_mirror(shared_mirror, directory):
    """A copy of the shared mirror (43 MB) in the work directory, to add synthetic files to. Not
    links: the tool refuses a mirror file that resolves outside the mirror."""
    shutil.copytree(shared_mirror, directory, symlinks=False)


def units_of(mirror):
    """Every (date, collector) with a RIB in the mirror, sorted."""
    units = set()
    for root, _, files in os.walk(mirror):
        for name in files:
            relative = os.path.relpath(os.path.join(root, name), mirror)
            for pattern, collector in RIB_PATTERNS:
                match = pattern.match(relative)
                if match:
                    day = match.group(match.lastindex)
                    units.add((f"{day[:4]}-{day[4:6]}-{day[6:]}", collector(match) if collector else match.group(1)))
                    break
    return sorted(units)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chokepoint", required=True)
    parser.add_argument("--benchmarks", required=True, help="the ChokepointBenchmarks binary (for the synthetic RIBs)")
    parser.add_argument("--shared", required=True)
    parser.add_argument("--spark-submit", required=True)
    arguments = parser.parse_args()
    shared_mirror = os.path.join(arguments.shared, "mirror")
    if not os.path.isdir(shared_mirror):
        print(f"test-cluster: skipped: {shared_mirror} is absent")
        print("0 passed, 0 failed, 1 skipped")
        return 0
    chokepoint = os.path.abspath(arguments.chokepoint)
    job = os.path.join(os.path.dirname(os.path.abspath(__file__)), "chokepoint_job.py")

    work = tempfile.mkdtemp(prefix="chokepoint-cluster-")
    try:
        return run(work, arguments, shared_mirror, chokepoint, job)
    finally:
        # KEEP=1 keeps the work directory (mirror copy, units, store, job.log) to look into.
        if os.environ.get("KEEP"):
            print(f"test-cluster: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(work, arguments, shared_mirror, chokepoint, job):
    """The test in `work`: the mirror copy, the job, the local history, the comparison."""
    mirror = os.path.join(work, "mirror")
    copy_mirror(shared_mirror, mirror)
    for path, peers, compression, timestamp in SYNTHETIC:
        target = os.path.join(mirror, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        subprocess.run([arguments.benchmarks, "fanout", os.path.join(shared_mirror, JINX_RIB), target, str(peers), compression,
                        str(timestamp)], check=True, stdout=subprocess.DEVNULL)
    units = units_of(mirror)
    with open(os.path.join(work, "units.csv"), "w") as handle:
        handle.write("date,collector\n" + "".join(f"{date},{collector}\n" for date, collector in units))
    print("test-cluster: units: " + ", ".join(f"{date} {collector}" for date, collector in units))
    environment = {**os.environ, "CHOKEPOINT_MIRROR": mirror, "XDG_CACHE_HOME": os.path.join(work, "cache")}

    started = time.monotonic()
    submitted = subprocess.run([arguments.spark_submit, "--master", "local[2]", "--files", chokepoint, job,
                                "--units", os.path.join(work, "units.csv"), "--store", "file://" + os.path.join(work, "store"),
                                "--countries", ",".join(COUNTRIES), "--output", os.path.join(work, "cluster.csv"),
                                "--mirror", mirror], env=environment, capture_output=True, text=True)
    job_seconds = time.monotonic() - started
    with open(os.path.join(work, "job.log"), "w") as log:
        log.write(submitted.stdout + submitted.stderr)
    for line in (submitted.stdout + submitted.stderr).splitlines():
        if line.startswith(("note:", "chokepoint job:")) or "Error:" in line:
            print("  " + line)
    if submitted.returncode != 0 or not os.path.exists(os.path.join(work, "cluster.csv")):
        print("test-cluster: the job failed (exit status %d)" % submitted.returncode)
        print("0 passed, 1 failed")
        return 1

    started = time.monotonic()
    local_lines, header = [], None
    for date in sorted({date for date, _ in units}):
        collectors = ",".join(collector for unit_date, collector in units if unit_date == date)
        run = subprocess.run([chokepoint, "history"] + COUNTRIES + ["--date", date, "--to", date, "--every", "1d",
                             "--collector", collectors, "--format", "csv", "--quiet"],
                             env=environment, capture_output=True, text=True)
        if run.returncode != 0:
            reason = [re.sub(r"^note: \S+ left out: ", "", line) for line in run.stderr.splitlines() if " left out: " in line] \
                or run.stderr.splitlines()[-1:]
            print(f"  local: {date} left out: {reason[0] if reason else run.returncode}")
            continue
        lines = run.stdout.splitlines()
        header = header or lines[0]
        local_lines += lines[1:]
    local_seconds = time.monotonic() - started
    local = "".join(line + "\n" for line in ([header] if header else []) + local_lines)
    with open(os.path.join(work, "cluster.csv")) as handle:
        cluster = handle.read()
    dates = {line.split(",")[0] for line in local_lines}
    print(f"test-cluster: job {job_seconds:.1f} s (spark-submit, local[2], with Spark's start), "
          f"local history {local_seconds:.1f} s; {len(local_lines)} rows over {len(dates)} dates")
    if cluster == local and len(dates) >= 2:
        print("test-cluster: the job's history equals the local one")
        print("1 passed, 0 failed")
        return 0
    print("test-cluster: the job's history differs from the local one" if cluster != local else "test-cluster: fewer than two dates")
    print("--- local\n" + local + "--- cluster\n" + cluster)
    print("0 passed, 1 failed")
    return 1


if __name__ == "__main__":
    sys.exit(main())
