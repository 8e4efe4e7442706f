#!/usr/bin/python3
"""concur against the parse-only floor, per translation unit.

For every TU of a compile database (optionally filtered), runs
  floor:  the TU's own compile command with -fsyntax-only (clang++-22)
  concur: concur -p DB -j1 --quiet TU (every check enabled)
each --runs times (default 5), alternating, and reports the median wall time
and the peak resident memory of each, the ratio per TU, and the ratio of the
sums. Prints a Markdown table for bench/README.md.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from parse_floor import syntax_only_argv  # noqa: E402


def run(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, rusage = os.wait4(proc.pid, 0)[1:]
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return wall, rusage.ru_maxrss / 1024.0, err  # MiB


def syntax_only(entry, clangxx):
    args = entry.get("arguments") or shlex.split(entry["command"])
    return syntax_only_argv(clangxx, args)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="directory with compile_commands.json")
    ap.add_argument("--concur", required=True)
    ap.add_argument("--clangxx", default="/usr/bin/clang++-22")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--filter", default="", help="only TUs whose path contains this")
    args = ap.parse_args()

    entries = json.load(open(os.path.join(args.db, "compile_commands.json")))
    seen, tus = set(), []
    for e in entries:
        path = os.path.realpath(os.path.join(e["directory"], e["file"]))
        if args.filter in path and path not in seen and not path.endswith(".hxx.cxx"):
            seen.add(path)
            tus.append((path, e))

    rows, floor_total, concur_total = [], 0.0, 0.0
    for path, e in tus:
        floor_cmd = syntax_only(e, args.clangxx)
        # --no-cache: every run measures the analysis, not a cache hit.
        concur_cmd = [args.concur, "-p", args.db, "-j1", "--quiet", "--no-progress", "--no-cache",
                      path]
        floors, concurs, floor_mem, concur_mem = [], [], 0.0, 0.0
        for _ in range(args.runs):
            w, m, err = run(floor_cmd, e["directory"])
            floors.append(w)
            floor_mem = max(floor_mem, m)
            w, m, _ = run(concur_cmd, e["directory"])
            concurs.append(w)
            concur_mem = max(concur_mem, m)
        f, c = statistics.median(floors), statistics.median(concurs)
        floor_total += f
        concur_total += c
        rows.append((os.path.relpath(path), f, c, floor_mem, concur_mem))

    print(f"| TU | floor s | concur s | ratio | floor MiB | concur MiB |")
    print(f"|---|---:|---:|---:|---:|---:|")
    for name, f, c, fm, cm in rows:
        print(f"| {name} | {f:.3f} | {c:.3f} | {c / f:.2f} | {fm:.0f} | {cm:.0f} |")
    print(f"| **all {len(rows)} TUs** | {floor_total:.3f} | {concur_total:.3f} | "
          f"**{concur_total / floor_total:.2f}** | | |")
    print(f"\nmedian of {args.runs} runs each; ratio of sums = "
          f"{concur_total / floor_total:.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
