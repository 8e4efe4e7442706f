#!/usr/bin/python3
"""Prints the product sources (checks/, summary/, tool/, runtime/src) listed in a
compile database, one per line: what the dogfood test analyses."""
import json
import os
import sys

database, root = sys.argv[1], os.path.realpath(sys.argv[2])
wanted = [os.path.join(root, d) + os.sep for d in ("checks", "summary", "tool", os.path.join("runtime", "src"))]
seen = set()
for entry in json.load(open(database)):
    path = os.path.realpath(os.path.join(entry["directory"], entry["file"]))
    if any(path.startswith(w) for w in wanted) and path not in seen:
        seen.add(path)
        print(path)
