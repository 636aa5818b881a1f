#!/usr/bin/env python3
"""A case for a synthetic RIB: the 2014 case's reference data (from the mirror), the RIB given, no
updates and no names file; for Benchmarks/scale.sh and Benchmarks/rank.sh.

    Benchmarks/scale-case.py DIRECTORY RIB [COUNTRY...]   (KP YE AF TW by default)
"""
import json
import sys

directory, rib, countries = sys.argv[1], sys.argv[2], sys.argv[3:] or ["KP", "YE", "AF", "TW"]
case = json.load(open("examples/north-korea-2014/case.json"))
data = case["data"]
data["rib"] = [rib]
data.pop("updates", None)
data.pop("asNames", None)
json.dump({"name": "scale", "title": "scale", "countries": countries, "data": data, "published": []},
          open(directory + "/case.json", "w"))
