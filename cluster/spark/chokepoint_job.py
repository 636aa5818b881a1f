"""Chokepoint across a Spark cluster: a history of countries over many (date, collector) units.

Map: each unit's RIB becomes a shard on an executor (`chokepoint shard --date D --collectors C`),
and the shards are written, partitioned by date, to any Hadoop-compatible store as Parquet rows
(date, collector, name, offset, size, content), a row per piece of at most 256 KiB of a shard.
Reduce: the pieces are sorted by date, shard and offset; per date, an executor writes that date's
shards from their pieces into a local directory and runs `chokepoint history COUNTRIES --shards
DIR`, which merges them and analyses the date with the reference data `--date` would take for it.
The driver gathers the rows, in date order, into one CSV: the rows a local `chokepoint history` of
the same dates gives.

    spark-submit --master local[2] --files .build/release/chokepoint cluster/spark/chokepoint_job.py \
        --units units.csv --store file:///tmp/chokepoint-store --countries KP,YE,AF,TW --output history.csv

units.csv has a header `date,collector` and a row per unit (2014-05-30,route-views.jinx).
"""

import argparse
import csv
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from pyspark import SparkFiles
from pyspark.sql import Row, SparkSession
from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType

SHARD_SCHEMA = StructType([
    StructField("date", StringType(), False),
    StructField("collector", StringType(), False),
    StructField("name", StringType(), True),
    StructField("offset", LongType(), True),
    StructField("size", LongType(), True),
    StructField("content", BinaryType(), True),
    StructField("error", StringType(), True),
])

# A shard travels in pieces of at most this many bytes. A shard is 17 MB for the 2014 jinx RIB and
# 186 MB for 40 peers; as one value it is a single array in the JVM, larger than a G1 region (a
# "humongous" object, placed whole in contiguous free regions), and a date's few such arrays filled
# most of a 1 GB driver heap in `make test-cluster`. Pieces well under half a region stay ordinary
# objects, and the reduce's sort can spill them.
PIECE = 256 << 10


def read_units(path):
    """The (date, collector) units of a CSV with a `date,collector` header; a bad row stops the job."""
    units = []
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"date", "collector"} <= set(reader.fieldnames):
            raise SystemExit(f"{path}: line 1: the header must name date and collector")
        for line, row in enumerate(reader, start=2):
            date, collector = (row.get("date") or "").strip(), (row.get("collector") or "").strip()
            if len(date) != 10 or date[4] != "-" or date[7] != "-" or not collector:
                raise SystemExit(f"{path}: line {line}: expected YYYY-MM-DD,collector, not {date},{collector}")
            units.append((date, collector))
    if not units:
        raise SystemExit(f"{path}: no unit")
    return units


def binary_path(given):
    """The chokepoint binary: the one shipped with --files, else the path given."""
    if given:
        return given
    shipped = SparkFiles.get("chokepoint")
    if os.path.exists(shipped):
        return shipped
    raise RuntimeError("no chokepoint binary: ship it with --files or give --binary")


def chokepoint(binary, arguments, environment):
    """Runs the binary; its standard output, or an exception carrying its error line."""
    completed = subprocess.run([binary] + arguments, capture_output=True, text=True, env={**os.environ, **environment})
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        # A history names why each date was left out before its closing error: that is the reason.
        reasons = [re.sub(r"^note: \S+ left out: ", "", line) for line in lines if " left out: " in line] or lines[-1:]
        raise RuntimeError("; ".join(reasons) if reasons else f"exit status {completed.returncode}")
    return completed.stdout, completed.stderr


def pieces(path):
    """The file at `path` as (offset, size of the file, bytes) pieces of at most PIECE bytes; an
    empty file is one empty piece, so that it still arrives."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        offset = 0
        while True:
            piece = handle.read(PIECE)
            yield offset, size, piece
            offset += len(piece)
            if offset >= size or not piece:
                return


def make_shards(units, binary, environment):
    """Map: each unit's RIB as shard pieces (or a row saying why it could not be had)."""
    for date, collector in units:
        directory = tempfile.mkdtemp(prefix="chokepoint-map-")
        try:
            output, _ = chokepoint(binary_path(binary),
                                   ["shard", "--date", date, "--collectors", collector, "-o", directory], environment)
            for path in output.split():
                for offset, size, piece in pieces(path):
                    yield Row(date=date, collector=collector, name=os.path.basename(path), offset=offset, size=size,
                              content=bytearray(piece), error=None)
        except RuntimeError as error:
            yield Row(date=date, collector=collector, name=None, offset=None, size=None, content=None, error=str(error))
        finally:
            shutil.rmtree(directory, ignore_errors=True)


class ShardWriter:
    """One date's shards written from their pieces, which come sorted by shard name and offset."""

    def __init__(self, directory):
        self.directory = directory
        self.sizes = {}
        self.written = {}
        self.handle = None
        self.name = None

    def add(self, row):
        if row.name != self.name:
            self.close()
            if row.name in self.sizes:
                raise RuntimeError(f"shard {row.name}: its pieces are not together")
            self.name = row.name
            self.sizes[row.name] = row.size
            self.written[row.name] = 0
            self.handle = open(os.path.join(self.directory, row.name), "wb")
        written = self.written[row.name]
        if row.offset < written:
            # The same shard from two units that read the same file: its pieces come twice.
            return
        if row.size != self.sizes[row.name]:
            raise RuntimeError(f"shard {row.name}: pieces of a {row.size}-byte and a {self.sizes[row.name]}-byte shard")
        if row.offset > written:
            raise RuntimeError(f"shard {row.name}: a piece is missing at byte {written} of {self.sizes[row.name]}")
        self.handle.write(row.content)
        self.written[row.name] = written + len(row.content)

    def close(self):
        if self.handle:
            self.handle.close()
            self.handle = None

    def finish(self):
        """The shards' names; an error when one is short."""
        self.close()
        for name, size in self.sizes.items():
            if self.written[name] != size:
                raise RuntimeError(f"shard {name}: {self.written[name]} of its {size} bytes arrived")
        return list(self.sizes)


def analyse_date(date, writer, failure, binary, countries, environment):
    """Reduce: one date's shards, written, merged and analysed; (date, CSV header, rows, error)."""
    try:
        names = writer.finish()
        if failure:
            return (date, None, [], failure)
        if not names:
            return (date, None, [], "no shard")
        output, _ = chokepoint(binary_path(binary),
                               ["history"] + countries + ["--shards", writer.directory, "--format", "csv", "--quiet"],
                               environment)
        lines = output.splitlines()
        return (date, lines[0] if lines else None, lines[1:], None)
    except RuntimeError as error:
        return (date, None, [], failure or str(error))
    finally:
        shutil.rmtree(writer.directory, ignore_errors=True)


def analyse_dates(rows, binary, countries, environment):
    """Reduce over a partition of pieces sorted by date, name and offset: a result per date."""
    date, writer, failure = None, None, None
    try:
        for row in rows:
            if writer is None or row.date != date:
                if writer:
                    yield analyse_date(str(date), writer, failure, binary, countries, environment)
                date, writer, failure = row.date, ShardWriter(tempfile.mkdtemp(prefix="chokepoint-reduce-")), None
            if failure is None:
                try:
                    writer.add(row)
                except RuntimeError as error:
                    # The date cannot be analysed; its other pieces are passed over.
                    failure = str(error)
        if writer:
            finished, writer = writer, None
            yield analyse_date(str(date), finished, failure, binary, countries, environment)
    finally:
        if writer:
            writer.close()
            shutil.rmtree(writer.directory, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", required=True, help="CSV of date,collector units")
    parser.add_argument("--store", required=True, help="where the shards go: any Hadoop-compatible URI (file://, hdfs://, s3a://)")
    parser.add_argument("--countries", required=True, help="comma list of country codes")
    parser.add_argument("--output", required=True, help="the history CSV, written on the driver")
    parser.add_argument("--binary", help="the chokepoint binary's path on every executor (default: the one shipped with --files)")
    parser.add_argument("--mirror", help="a mirror of the archives every executor can read (passed as CHOKEPOINT_MIRROR)")
    arguments = parser.parse_args()

    units = read_units(arguments.units)
    countries = [code.strip().upper() for code in arguments.countries.split(",") if code.strip()]
    environment = {"CHOKEPOINT_MIRROR": arguments.mirror} if arguments.mirror else {}
    spark = SparkSession.builder.appName("chokepoint-history").getOrCreate()
    # Parquet is read in batches of this many rows, every column of the batch held at once: at the
    # default 4,096 rows, pieces of 256 KiB make a gigabyte per batch.
    spark.conf.set("spark.sql.parquet.columnarReaderBatchSize", "16")
    context = spark.sparkContext
    context.setLogLevel("WARN")
    started = time.monotonic()

    binary = arguments.binary
    shard_rows = context.parallelize(units, numSlices=len(units)).mapPartitions(
        lambda part: make_shards(part, binary, environment))
    store = arguments.store.rstrip("/") + "/shards"
    # Row groups of 32 MB rather than 128 MB: a writer holds the open one in memory, one per task.
    spark.createDataFrame(shard_rows, SHARD_SCHEMA).write.mode("overwrite").option("parquet.block.size", 32 << 20) \
        .partitionBy("date").parquet(store)
    mapped = time.monotonic()

    stored = spark.read.parquet(store)
    for row in stored.filter(stored.error.isNotNull()).select("date", "collector", "error").collect():
        print(f"note: {row.date} {row.collector} left out: {row.error}", file=sys.stderr)
    # The rows without an error are the pieces; testing `error` rather than `content` reads no content.
    piece_rows = stored.filter(stored.error.isNull())
    dates = piece_rows.select("date").distinct().count()
    # Every date in a partition of its own where the hash allows, its pieces in order: a reduce
    # task streams them to files and never holds a date in memory.
    ordered = piece_rows.repartition(max(dates, 1), "date").sortWithinPartitions("date", "name", "offset")
    results = ordered.rdd.mapPartitions(lambda rows: analyse_dates(rows, binary, countries, environment)).collect()
    reduced = time.monotonic()

    header, rows = None, []
    for date, result_header, result_rows, error in sorted(results, key=lambda result: result[0]):
        if error:
            print(f"note: {date} left out: {error}", file=sys.stderr)
            continue
        header = header or result_header
        rows.extend(result_rows)
    temporary = arguments.output + ".partial"
    with open(temporary, "w") as handle:
        if header:
            handle.write(header + "\n")
        for row in rows:
            handle.write(row + "\n")
    os.replace(temporary, arguments.output)
    print(f"chokepoint job: {len(units)} units, {len(results)} dates, {len(rows)} rows; map {mapped - started:.1f} s, "
          f"reduce {reduced - mapped:.1f} s", file=sys.stderr)
    spark.stop()
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
