#!/usr/bin/env python3
"""Writes a seed corpus for each fuzz target into OUT/<target>/, from the real files in SHARED.

The seeds are cut from ../shared at run time and never stored in the repository:
  mrt          the first records of each bgpdump conformance input and of the RouteViews/RIS
               archives (decompressed), in pieces of at most 4 KB
  delegated    the first lines of each RIR file; pfx2as, as-rel, tor, as-names likewise
  maxmind      small MaxMind DB files written here per the format specification (24, 28 and
               32-bit records, IPv4 and IPv6 trees), as real databases are tens of megabytes
  as-org       small CAIDA AS Organizations files (text and JSON lines) written here from the format
  case-manifest the repository's case.json files
  snapshot     a topology snapshot of a small input, written by the chokepoint binary given,
               without its last 8 bytes (the fuzz target appends a valid digest)

usage: seeds.py SHARED OUT CHOKEPOINT_BINARY REPOSITORY
"""
import bz2
import glob
import gzip
import os
import struct
import subprocess
import sys
import tempfile


def read(path):
    opener = bz2.open if path.endswith(".bz2") else gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return handle.read(4 << 20)


def write(out, target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as handle:
        handle.write(data)


def mrt_pieces(data, limit=4000, count=6):
    """Whole records from the start of an MRT stream, grouped into pieces of at most `limit` bytes."""
    pieces, piece, position = [], b"", 0
    while position + 12 <= len(data) and len(pieces) < count:
        length = struct.unpack(">I", data[position + 8:position + 12])[0]
        record = data[position:position + 12 + length]
        position += 12 + length
        if len(piece) + len(record) > limit:
            if piece:
                pieces.append(piece)
            piece = b""
        if len(record) <= limit:
            piece += record
    if piece:
        pieces.append(piece)
    return pieces


def mmdb_value(value):
    def control(kind, size):
        extra = b""
        if size >= 29:
            extra, size = bytes([size - 29]), 29
        if kind <= 7:
            return bytes([kind << 5 | size]) + extra
        return bytes([size, kind - 7]) + extra
    if isinstance(value, str):
        raw = value.encode()
        return control(2, len(raw)) + raw
    if isinstance(value, int):
        raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
        return control(6, len(raw)) + raw
    if isinstance(value, list):
        return control(11, len(value)) + b"".join(mmdb_value(v) for v in value)
    if isinstance(value, dict):
        return control(7, len(value)) + b"".join(mmdb_value(k) + mmdb_value(v) for k, v in value.items())
    raise TypeError(value)


def mmdb(record_size, ip_version):
    """Four tree nodes down the left edge; records point to the next node, to nothing (the node
    count) or to the one data record (node count + 16 + its offset)."""
    data = mmdb_value({"country": {"iso_code": "KP", "names": {"en": "North Korea"}}, "registered_country": {"iso_code": "CN"}})
    count = 4
    record = count + 16
    nodes = [(1, count), (2, record), (3, count), (record, count)]
    tree = b""
    for left, right in nodes:
        if record_size == 24:
            tree += left.to_bytes(3, "big") + right.to_bytes(3, "big")
        elif record_size == 28:
            tree += (left & 0xFFFFFF).to_bytes(3, "big") + bytes([(left >> 24) << 4 | (right >> 24)]) + (right & 0xFFFFFF).to_bytes(3, "big")
        else:
            tree += left.to_bytes(4, "big") + right.to_bytes(4, "big")
    metadata = mmdb_value({"node_count": count, "record_size": record_size, "ip_version": ip_version,
                           "database_type": "Seed", "binary_format_major_version": 2, "binary_format_minor_version": 0,
                           "build_epoch": 1700000000, "description": {"en": "seed"}, "languages": ["en"]})
    return tree + bytes(16) + data + b"\xab\xcd\xefMaxMind.com" + metadata


def main():
    shared, out, binary, repository = sys.argv[1:5]
    mrt_files = sorted(glob.glob(os.path.join(shared, "conformance/bgpdump/test_data/*")))
    mrt_files += sorted(glob.glob(os.path.join(shared, "samples/mrtparse/*")))
    mrt_files += [os.path.join(shared, "mirror/archive.routeviews.org/route-views.jinx/bgpdata/2014.05/RIBS/rib.20140530.2200.bz2")]
    for path in mrt_files:
        try:
            pieces = mrt_pieces(read(path))
        except (OSError, EOFError):
            continue
        for index, piece in enumerate(pieces):
            write(out, "mrt", f"{os.path.basename(path)}-{index}", piece)
    texts = {
        "delegated": glob.glob(os.path.join(shared, "mirror/ftp.*/**/delegated-*"), recursive=True),
        "pfx2as": glob.glob(os.path.join(shared, "mirror/publicdata.caida.org/datasets/routing/**/*.pfx2as.gz"), recursive=True),
        "as-rel": glob.glob(os.path.join(shared, "mirror/publicdata.caida.org/datasets/as-relationships/**/*.as-rel*"), recursive=True),
        "tor": glob.glob(os.path.join(shared, "geo/tor-geoip*.gz")),
        "as-names": glob.glob(os.path.join(shared, "geo/location-*-asnames.csv.gz")),
    }
    for target, paths in texts.items():
        for path in sorted(paths):
            data = read(path)
            lines = data.split(b"\n")
            # The head (version and summary lines, headers), and a slice from the middle.
            write(out, target, os.path.basename(path) + "-head", b"\n".join(lines[:40]) + b"\n")
            middle = len(lines) // 2
            write(out, target, os.path.basename(path) + "-middle", b"\n".join(lines[middle:middle + 40]) + b"\n")
    # No CAIDA AS Organizations file is in ../shared: seeds written from the format's description.
    write(out, "as-org", "text", b"# format:org_id|changed|org_name|country|source\nCU-ARIN|20140101|China Unicom|CN|APNIC\n"
          b"# format:aut|changed|aut_name|org_id|opaque_id|source\n4837|20140101|CHINA169|CU-ARIN|A9143CB3|APNIC\n")
    write(out, "as-org", "jsonl", b'{"country":"CN","name":"China Unicom","organizationId":"CU","source":"APNIC","type":"Organization"}\n'
          b'{"asn":"4837","name":"CHINA169","opaqueId":"A9","organizationId":"CU","source":"APNIC","type":"ASN"}\n')
    for record_size in (24, 28, 32):
        for ip_version in (4, 6):
            write(out, "maxmind", f"seed-{record_size}-v{ip_version}.mmdb", mmdb(record_size, ip_version))
    for path in glob.glob(os.path.join(repository, "examples/*/case.json")):
        with open(path, "rb") as handle:
            write(out, "case-manifest", os.path.basename(os.path.dirname(path)) + ".json", handle.read())
    with tempfile.TemporaryDirectory() as scratch:
        delegated = os.path.join(scratch, "delegated")
        with open(delegated, "w") as handle:
            handle.write("2|apnic|20140805|1|19830613|20140804|+1000\napnic|KP|ipv4|175.45.176.0|1024|20091221|allocated\n")
        updates = os.path.join(shared, "samples/mrtparse/openbgpd_bgp")
        environment = dict(os.environ, XDG_CACHE_HOME=scratch, CHOKEPOINT_MIRROR="")
        subprocess.run([binary, "compare", "KP", "--updates", updates, "--delegated", delegated, "--quiet"],
                       env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        for path in glob.glob(os.path.join(scratch, "chokepoint/snapshots/*.snapshot")):
            with open(path, "rb") as handle:
                write(out, "snapshot", os.path.basename(path), handle.read()[:-8])


if __name__ == "__main__":
    main()
