#!/usr/bin/python3
"""Scores concur against a labelled corpus of small programs.

Each program marks the lines where a finding is expected:

    counter++;  // expect: concur-unguarded-shared-state

(several checks separated by commas). Every other line is a negative: a
finding there is a false positive. Programs compile with -std=c++20 -pthread,
the corpus directory's Inputs/, test/checks/Inputs/ and the runtime's headers
on the include path.

The scorer runs concur once over all programs (through a generated compile
database), matches findings to marks by (file, line, check), and prints
precision and recall per check. It fails when a check is below the floors,
when a check has no positive example (a vacuous score), or when concur could
not analyse a program.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict

MARK = re.compile(r"//\s*expect:\s*([a-z0-9,\s-]+)")


def collect(directory):
    programs = sorted(
        os.path.join(directory, f) for f in os.listdir(directory)
        if f.endswith(".cpp") or f.endswith(".c"))
    expected = set()
    for path in programs:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                m = MARK.search(line)
                if m:
                    for check in m.group(1).split(","):
                        if check.strip():
                            expected.add((os.path.realpath(path), number, check.strip()))
    return programs, expected


def run_concur(concur, programs, directory, checks, root):
    with tempfile.TemporaryDirectory() as tmp:
        includes = ["-pthread", "-I" + os.path.join(directory, "Inputs"),
                    # The lit tests' stand-ins (mini_task.h, mini_pool.h, ...).
                    "-I" + os.path.join(root, "test", "checks", "Inputs"),
                    "-I" + os.path.join(root, "runtime", "include")]

        def command(path):
            if path.endswith(".c"):
                return ["clang", "-std=gnu11"] + includes + ["-c", path]
            return ["clang++", "-std=c++20"] + includes + ["-c", path]
        db = [{"directory": directory, "file": p, "arguments": command(p)} for p in programs]
        with open(os.path.join(tmp, "compile_commands.json"), "w") as fh:
            json.dump(db, fh)
        report = os.path.join(tmp, "report.json")
        # Report paths are relative to the source root: name it, so that
        # they can be resolved here whatever the working directory.
        proc = subprocess.run([concur, "-p", tmp, "--quiet", "--no-progress",
                               "--source-root", root,
                               "--checks", "-*," + ",".join(checks), "-o", report],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if proc.returncode not in (0, 1) or not os.path.exists(report):
            sys.stderr.write(proc.stderr)
            sys.exit(f"score: concur failed (exit {proc.returncode})")
        with open(report) as fh:
            return json.load(fh)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--concur", required=True)
    ap.add_argument("--dir", required=True, help="corpus directory of .c and .cpp programs")
    ap.add_argument("--checks", required=True, help="comma-separated checks to score")
    ap.add_argument("--min-precision", type=float, required=True)
    ap.add_argument("--min-recall", type=float, required=True)
    ap.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    args = ap.parse_args()

    directory = os.path.realpath(args.dir)
    checks = [c.strip() for c in args.checks.split(",") if c.strip()]
    programs, expected = collect(directory)
    expected = {e for e in expected if e[2] in checks}
    report = run_concur(args.concur, programs, directory, checks, os.path.realpath(args.root))
    if report["errors"]:
        for e in report["errors"]:
            print(f"score: error: {e['file']}: {e['message']}")
        sys.exit("score: some corpus programs could not be analysed")

    found = set()
    for f in report["findings"]:
        if f["check"] in checks:
            path = os.path.join(os.path.realpath(args.root), f["location"]["file"])
            found.add((os.path.realpath(path), f["location"]["line"], f["check"]))

    ok = True
    negatives = len([p for p in programs if not any(e[0] == os.path.realpath(p) for e in expected)])
    print(f"corpus {os.path.basename(directory)}: {len(programs)} programs "
          f"({negatives} with no expected finding), {len(expected)} expected findings")
    for check in checks:
        exp = {e for e in expected if e[2] == check}
        got = {f for f in found if f[2] == check}
        tp, fp, fn = len(exp & got), len(got - exp), len(exp - got)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        verdict = "ok"
        if not exp:
            verdict, ok = "FAIL (no positive examples)", False
        elif precision < args.min_precision or recall < args.min_recall:
            verdict, ok = "FAIL", False
        print(f"{check}: precision {precision:.2f} ({tp} TP, {fp} FP), "
              f"recall {recall:.2f} ({fn} FN) [floors {args.min_precision:.2f}/"
              f"{args.min_recall:.2f}] {verdict}")
        for path, line, _ in sorted(got - exp):
            print(f"  false positive: {os.path.relpath(path, directory)}:{line}")
        for path, line, _ in sorted(exp - got):
            print(f"  missed: {os.path.relpath(path, directory)}:{line}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
