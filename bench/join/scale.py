#!/usr/bin/env python3
"""How the cross-TU join grows with the number of summaries.

Takes one shard report (``concur --shard 1/1 ... -o shard.json``: the JSON
report with every TU's summary) and makes from it projects 1x, 2x, 4x and
8x as large: copy k of the project is the same code under other names
(files under ``/copyK``, USRs in a namespace ``copyK``, qualified names
prefixed ``copyK::``), so the join does k times the work of one copy if it
is linear. Each size is joined by ``concur merge`` (the join alone, no
parsing) ``--repeat`` times; the median wall time and the peak RSS (wait4)
are printed as a Markdown table, with the findings (the shard's own, copied
with each copy, and what the join finds across files), which must be
exactly k times those of one copy: a check that the renaming kept the
copies apart and whole.

  bench/join/scale.py --concur build/bin/concur --shard /tmp/leveldb-shard.json
"""
import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Fields whose strings are vocabulary, not names of code.
KEEP = {"Kind", "kind", "check", "checks", "Checks", "enabled_checks", "options",
        "blocking_category", "category", "alternative", "severity"}


def rename(value, k, key=None):
    if key == "fingerprint" and isinstance(value, str):
        return hashlib.sha256(f"{value}/copy{k}".encode()).hexdigest()[:len(value)]
    if isinstance(value, dict):
        return {name: (v if name in KEEP else rename(v, k, name)) for name, v in value.items()}
    if isinstance(value, list):
        return [rename(v, k, key) for v in value]
    if not isinstance(value, str) or not value:
        return value
    if value.startswith("/"):
        return f"/copy{k}{value}"
    if value.startswith("c:"):
        return f"c:@N@copy{k}{value[2:]}"
    if "::" in value:
        return f"copy{k}::{value}"
    return value


def make_report(shard, k):
    report = dict(shard)
    report["findings"] = [rename(f, i) for i in range(k) for f in shard["findings"]]
    report["errors"] = []
    report["summaries"] = [rename(s, i) for i in range(k) for s in shard["summaries"]]
    return report


def run_merge(concur, path, out):
    start = time.perf_counter()
    proc = subprocess.Popen([concur, "merge", path, "-o", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    with open(out) as f:
        findings = len(json.load(f)["findings"])
    return wall, usage.ru_maxrss / 1024.0, findings, err


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--concur", required=True)
    ap.add_argument("--shard", required=True, help="a shard report with summaries")
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with open(args.shard) as f:
        shard = json.load(f)
    if not shard.get("summaries"):
        sys.exit(f"{args.shard}: no summaries (run concur with --shard 1/1)")
    rows, base = [], None
    with tempfile.TemporaryDirectory() as tmp:
        for k in (int(s) for s in args.sizes.split(",")):
            path = os.path.join(tmp, f"x{k}.json")
            with open(path, "w") as f:
                json.dump(make_report(shard, k), f)
            runs = [run_merge(args.concur, path, os.path.join(tmp, f"out{k}.json"))
                    for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            findings = runs[0][2]
            if base is None:
                base = (wall, findings)
            expected = base[1] * k
            rows.append((k, len(shard["summaries"]) * k, wall, wall / base[0], rss, findings,
                         "yes" if findings == expected else f"NO (expected {expected})"))
    print("| size | summaries | join s (median) | vs 1x | peak MiB | findings | k x 1x findings |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for k, n, wall, ratio, rss, findings, ok in rows:
        print(f"| {k}x | {n} | {wall:.2f} | {ratio:.2f} | {rss:.0f} | {findings} | {ok} |")
    if any(not r[6].startswith("yes") for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
