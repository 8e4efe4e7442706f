#!/usr/bin/env python3
"""The incremental cache on a real project: cold run, unchanged re-run, one
touched .cpp, one touched header.

  measure.py --concur BIN --db DIR --src SRC [--build BUILD]
             --touch-cpp REL --touch-header REL [--jobs N] [--work DIR]

Copies SRC (and BUILD, the directory of generated headers, if given) to a
scratch directory, rewrites the compile database in DIR to point there (so
the shared sources are never touched), and times four runs of
`concur -p DB -j N --stats` sharing one cache directory:

  cold     an empty cache
  warm     nothing changed
  cpp      a comment appended to REL (a .cpp of the database)
  header   a comment appended to the header REL

For the header it also lists the TUs that include it, from
`clang++ -M` of every compile command, and checks that the run analysed
exactly those (the files whose cache entries were rewritten). Prints one
Markdown table row per run and the check's verdict.
"""
import argparse
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from parse_floor import syntax_only_argv  # noqa: E402


def copy_project(args, work):
    src = os.path.join(work, "src")
    shutil.copytree(args.src, src, symlinks=True)
    mapping = [(os.path.realpath(args.src), src)]
    if args.build:
        build = os.path.join(work, "build")
        shutil.copytree(args.build, build, symlinks=True,
                        ignore=shutil.ignore_patterns(".concur-cache"))
        mapping.insert(0, (os.path.realpath(args.build), build))
    with open(os.path.join(args.db, "compile_commands.json")) as f:
        text = f.read()
    for old, new in mapping:
        text = text.replace(old, new)
    db = os.path.join(work, "db")
    os.makedirs(db)
    with open(os.path.join(db, "compile_commands.json"), "w") as f:
        f.write(text)
    return src, db


def includers(db, header):
    """Main files of the TUs whose preprocessing reads header."""
    out = []
    for e in json.load(open(os.path.join(db, "compile_commands.json"))):
        argv = e.get("arguments") or shlex.split(e["command"])
        # The parse floor's flags, asked for the dependencies instead.
        deps_argv = syntax_only_argv(argv[0], argv)[:-1] + ["-M", "-MG"]
        p = subprocess.run(deps_argv, cwd=e["directory"],
                           capture_output=True, text=True)
        deps = {os.path.normpath(os.path.join(e["directory"], d))
                for d in p.stdout.replace("\\\n", " ").split()[1:]}
        if os.path.normpath(header) in deps:
            out.append(os.path.normpath(os.path.join(e["directory"], e["file"])))
    return sorted(set(out))


def entries_newer(cache, since):
    """Main files of the entries written after since."""
    out = []
    for path in glob.glob(os.path.join(cache, "*.tu")):
        if os.path.getmtime(path) >= since:
            with open(path, errors="replace") as f:
                f.readline(), f.readline()
                out.append(f.readline().rstrip("\n")[len("file "):])
    return sorted(out)


def run(args, db, src, cache, label):
    argv = [args.concur, "-p", db, "-j", str(args.jobs), "--checks=-*,concur-*",
            "--source-root", src, "--no-progress", "--stats", "--cache-dir", cache,
            "-o", os.path.join(args.work, label + ".json")]
    t0 = time.time()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.time() - t0
    m = re.search(r"stats: (\d+) files?: (\d+) analysed, (\d+) from the cache", p.stderr)
    if p.returncode not in (0, 1) or not m:
        sys.exit(f"{label}: concur exited {p.returncode}:\n{p.stderr[-2000:]}")
    return wall, int(m.group(1)), int(m.group(2)), int(m.group(3)), t0


def touch(path):
    with open(path, "a") as f:
        f.write("\n// touched by bench/cache/measure.py\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concur", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--build")
    ap.add_argument("--touch-cpp", required=True)
    ap.add_argument("--touch-header", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--work", default="/tmp/concur-cache-bench")
    args = ap.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    src, db = copy_project(args, args.work)
    cache = os.path.join(args.work, "cache")
    header = os.path.join(src, args.touch_header)
    expected = includers(db, header)

    rows = []
    cold = run(args, db, src, cache, "cold")
    rows.append(("cold (empty cache)", cold))
    rows.append(("unchanged re-run", run(args, db, src, cache, "warm")))
    touch(os.path.join(src, args.touch_cpp))
    rows.append((f"touched `{args.touch_cpp}`", run(args, db, src, cache, "cpp")))
    touch(header)
    result = run(args, db, src, cache, "header")
    rows.append((f"touched `{args.touch_header}`", result))
    analysed = entries_newer(cache, result[4])

    print("| run | TUs | analysed | from cache | wall s | of cold |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (wall, files, fresh, cached, _) in rows:
        print(f"| {label} | {files} | {fresh} | {cached} | {wall:.2f} | "
              f"{100 * wall / cold[0]:.1f}% |")
    same = analysed == expected
    print(f"\nheader includers by clang -M: {len(expected)}; analysed again: "
          f"{len(analysed)}; {'the same TUs' if same else 'DIFFERENT'}")
    if not same:
        print("expected:", *expected, "\nanalysed:", *analysed, sep="\n  ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
