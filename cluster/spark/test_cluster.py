"""make test-cluster: the Spark job (local[2]) against `chokepoint history` run on this machine.

The units are every (date, collector) whose RIB the mirror holds, in a copy of the shared mirror
made for the run (and removed after it) with synthetic RIBs added: the real 2014 jinx RIB fanned
out to other collectors and another date (`ChokepointBenchmarks fanout`), so that a date merges
shards of several collectors and the history has more than one date. Passes when the job's CSV
equals the local history's, byte for byte, with rows for at least two dates.
"""

import argparse
import collections
import os
import random
import re
import shutil
import signal
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
# Bounds on each step, far above what it takes here (the job about 30 s, a date's local history a
# few seconds), so that a step that hangs fails the test, saying which, instead of holding CI.
JOB_SECONDS = 900
STEP_SECONDS = 600


class StepTimeout(Exception):
    """A step ran past its bound; it and its children were stopped."""


def run_bounded(command, seconds, **options):
    """`subprocess.run` with no standard input, in a session of its own whose every process (the
    JVM, PySpark's daemon, which takes a process group of its own, its workers, chokepoint) is
    killed when it runs past `seconds`."""
    if options.pop("capture_output", False):
        options.update(stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True, **options)
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        kill_session(process.pid)
        stdout, stderr = process.communicate()
        raise StepTimeout(f"{os.path.basename(command[0])} ran past {seconds} s and was stopped", stdout, stderr)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def kill_session(session):
    """Kills every process of `session` until none is left (a dying parent may fork once more)."""
    for _ in range(50):
        members = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    # The command name, in parentheses, may hold spaces: the fields follow its last ")".
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                members.append(int(entry))
        if not members:
            return
        for pid in members:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)


def check_pieces(directory):
    """The job's pieces of a shard (`pieces`, `ShardWriter`) against the shard's own bytes, at sizes
    around the piece size: reassembled whole, with every piece sent twice (two units that read the
    same file), and refused, naming the byte, with a piece or the last piece missing, or with pieces
    of two shards of one name. The failures."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import chokepoint_job as job

    Piece = collections.namedtuple("Piece", "name offset size content")
    failures, generator = [], random.Random(15)
    for size in [0, 1, job.PIECE - 1, job.PIECE, job.PIECE + 1, 3 * job.PIECE + 5]:
        name = f"{size}.cpshard"
        data = bytes(generator.getrandbits(8) for _ in range(size))
        with open(os.path.join(directory, name), "wb") as handle:
            handle.write(data)
        sent = [Piece(name, offset, total, bytearray(piece)) for offset, total, piece in job.pieces(os.path.join(directory, name))]
        if len(sent) != max(1, -(-size // job.PIECE)) or any(len(piece.content) > job.PIECE for piece in sent):
            failures.append(f"{size} bytes: {len(sent)} pieces of {[len(piece.content) for piece in sent]} bytes")

        def written(rows):
            out = tempfile.mkdtemp(dir=directory)
            writer = job.ShardWriter(out)
            try:
                for row in rows:
                    writer.add(row)
                names = writer.finish()
                with open(os.path.join(out, name), "rb") as handle:
                    return names, handle.read()
            except RuntimeError as error:
                return None, str(error)
            finally:
                writer.close()
                shutil.rmtree(out, ignore_errors=True)

        for label, rows in [("whole", sent), ("twice", sorted(sent + sent, key=lambda piece: piece.offset))]:
            if written(rows) != ([name], data):
                failures.append(f"{size} bytes, {label}: not the shard's bytes")
        def refusal(rows, expected):
            names, outcome = written(rows)
            if (names, outcome) != (None, expected):
                said = f"{len(outcome)} bytes written" if isinstance(outcome, bytes) else repr(outcome)
                return f"{said}, not {expected!r}"
            return None

        if len(sent) >= 3:
            wrong = refusal(sent[:1] + sent[2:], f"shard {name}: a piece is missing at byte {job.PIECE} of {size}")
            if wrong:
                failures.append(f"{size} bytes, a piece missing: {wrong}")
        if len(sent) >= 2:
            other = sent[:1] + [piece._replace(size=size + 1) for piece in sent[1:]]
            wrong = refusal(other, f"shard {name}: pieces of a {size + 1}-byte and a {size}-byte shard")
            if wrong:
                failures.append(f"{size} bytes, pieces of two sizes: {wrong}")
            wrong = refusal(sent[:-1], f"shard {name}: {sent[-1].offset} of its {size} bytes arrived")
            if wrong:
                failures.append(f"{size} bytes, the last piece missing: {wrong}")
    return failures


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
    parser.add_argument("--peers", type=int, help="at scale: route-views2 on 30 May is the real RIB fanned out to this "
                        "many peers, beside the real jinx RIB, instead of the small synthetic collectors; one date suffices")
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
        pieces = os.path.join(work, "pieces")
        os.makedirs(pieces)
        failures = check_pieces(pieces)
        for failure in failures:
            print(f"test-cluster: pieces: {failure}")
        print("test-cluster: a shard's pieces " + ("fail" if failures else "reassemble it at 6 sizes and are refused when short"))
        try:
            passed = run(work, arguments, shared_mirror, chokepoint, job)
        except StepTimeout as timeout:
            message, stdout, stderr = timeout.args
            output = (stdout or "") + (stderr or "")
            output = output.decode(errors="replace") if isinstance(output, bytes) else output
            print(f"test-cluster: {message}; its last lines:")
            for line in output.splitlines()[-40:]:
                print("  " + line)
            passed = False
        count = (not failures) + passed
        print(f"{count} passed, {2 - count} failed")
        return 0 if count == 2 else 1
    finally:
        # KEEP=1 keeps the work directory (mirror copy, units, store, job.log) to look into.
        if os.environ.get("KEEP"):
            print(f"test-cluster: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(work, arguments, shared_mirror, chokepoint, job):
    """The test in `work`: the mirror copy, the job, the local history, the comparison. Whether it passed."""
    mirror = os.path.join(work, "mirror")
    copy_mirror(shared_mirror, mirror)
    synthetic = [(SYNTHETIC[0][0], arguments.peers, "bzip2", SYNTHETIC[0][3])] if arguments.peers else SYNTHETIC
    for path, peers, compression, timestamp in synthetic:
        target = os.path.join(mirror, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        made = run_bounded([arguments.benchmarks, "fanout", os.path.join(shared_mirror, JINX_RIB), target, str(peers),
                            compression, str(timestamp)], STEP_SECONDS, stdout=subprocess.DEVNULL)
        if made.returncode != 0:
            raise subprocess.CalledProcessError(made.returncode, made.args)
    units = units_of(mirror)
    with open(os.path.join(work, "units.csv"), "w") as handle:
        handle.write("date,collector\n" + "".join(f"{date},{collector}\n" for date, collector in units))
    print("test-cluster: units: " + ", ".join(f"{date} {collector}" for date, collector in units))
    # Every scratch file of the job (its executors', the JVM's, Spark's) goes under the work
    # directory, so that nothing is left behind even when a step is killed.
    scratch = os.path.join(work, "tmp")
    os.makedirs(scratch)
    environment = {**os.environ, "CHOKEPOINT_MIRROR": mirror, "XDG_CACHE_HOME": os.path.join(work, "cache"),
                   "TMPDIR": scratch}

    # The peak memory of the job's largest process (the JVM, or a chokepoint on an executor).
    peak = os.path.join(work, "peak")
    started = time.monotonic()
    # An OutOfMemoryError can leave a local Spark driver waiting forever (SPARK-47279): it ends the
    # JVM, and so the job, instead.
    submitted = run_bounded(["/usr/bin/time", "-f", "%M", "-o", peak, arguments.spark_submit, "--master", "local[2]",
                             "--driver-java-options", f"-XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir={scratch}",
                             "--conf", f"spark.local.dir={scratch}", "--files", chokepoint, job,
                                "--units", os.path.join(work, "units.csv"), "--store", "file://" + os.path.join(work, "store"),
                                "--countries", ",".join(COUNTRIES), "--output", os.path.join(work, "cluster.csv"),
                             "--mirror", mirror], JOB_SECONDS, env=environment, capture_output=True, text=True)
    job_seconds = time.monotonic() - started
    with open(peak) as handle:
        job_peak = int(handle.read().split()[-1]) // 1024
    with open(os.path.join(work, "job.log"), "w") as log:
        log.write(submitted.stdout + submitted.stderr)
    for line in (submitted.stdout + submitted.stderr).splitlines():
        if line.startswith(("note:", "chokepoint job:")) or "Error:" in line:
            print("  " + line)
    if submitted.returncode != 0 or not os.path.exists(os.path.join(work, "cluster.csv")):
        print("test-cluster: the job failed (exit status %d)" % submitted.returncode)
        return False

    started = time.monotonic()
    local_lines, header = [], None
    for date in sorted({date for date, _ in units}):
        collectors = ",".join(collector for unit_date, collector in units if unit_date == date)
        run = run_bounded([chokepoint, "history"] + COUNTRIES + ["--date", date, "--to", date, "--every", "1d",
                           "--collector", collectors, "--format", "csv", "--quiet"],
                          STEP_SECONDS, env=environment, capture_output=True, text=True)
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
    scale = f"route-views2 fanned out to {arguments.peers} peers; " if arguments.peers else ""
    print(f"test-cluster: {scale}job {job_seconds:.1f} s (spark-submit, local[2], with Spark's start; its largest "
          f"process {job_peak} MB), local history {local_seconds:.1f} s; {len(local_lines)} rows over {len(dates)} dates")
    if cluster == local and len(dates) >= (1 if arguments.peers else 2):
        print("test-cluster: the job's history equals the local one")
        return True
    print("test-cluster: the job's history differs from the local one" if cluster != local else "test-cluster: fewer than two dates")
    print("--- local\n" + local + "--- cluster\n" + cluster)
    return False


if __name__ == "__main__":
    sys.exit(main())
