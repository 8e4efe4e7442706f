#!/usr/bin/env python3
"""concur on every TU of a large project against the parse floor (issue 15).

Reads a project's compile database (default: rocksdb as bench/wild
configured it), keeps one entry per main file (.cc/.cpp, sorted; --limit
takes the first N), writes that database to the work directory, then
measures, each on a pool of -j workers:

  floor   every TU's `clang++-22 -fsyntax-only` with its own flags
          (parse_floor.syntax_only_argv): total wall time, per-TU wall time
          and peak RSS (wait4);
  per-TU  `concur --shard 1/1 --no-cache -j J`: every TU analysed and its
          summary exported, no cross-TU join (a shard leaves it to merge);
          wall time and the process's peak RSS;
  join    `concur merge` of that shard report: the cross-TU join alone.

With --speedup-subset N (0: skip), a whole `concur` run (join included) at
-j 1 and at -j 2 over the same N TUs, spread evenly over the sorted list,
gives the -j 2 speedup.

Prints Markdown table rows (bench/README.md, "Large project") and a few
lines of detail; writes everything it ran and measured under --work.
stdlib only.
"""
import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from parse_floor import syntax_only_argv  # noqa: E402

CACHE = os.path.expanduser("~/.cache/concur-wild")
SUFFIXES = (".cc", ".cpp")


def log(*a):
    print("[large]", *a, file=sys.stderr, flush=True)


def entry_args(e):
    return list(e["arguments"]) if "arguments" in e else shlex.split(e["command"])


def main_file(e):
    f = e["file"]
    return os.path.normpath(f if os.path.isabs(f) else os.path.join(e["directory"], f))


def select(db_dir, limit):
    """One entry per main file (the first the database lists; a project
    that builds a file twice, e.g. static and shared, lists it twice),
    .cc/.cpp only, sorted by path; the first `limit` of them."""
    with open(os.path.join(db_dir, "compile_commands.json")) as fh:
        entries = json.load(fh)
    by_file = {}
    for e in entries:
        f = main_file(e)
        if f.endswith(SUFFIXES):
            by_file.setdefault(f, e)
    files = sorted(by_file)
    if limit:
        files = files[:limit]
    return [(f, by_file[f]) for f in files]


def write_db(path, chosen):
    """The chosen entries with absolute main files, so that concur's file
    arguments match them whatever directory each entry names."""
    os.makedirs(path, exist_ok=True)
    out = []
    for f, e in chosen:
        e = dict(e)
        e["file"] = f
        out.append(e)
    with open(os.path.join(path, "compile_commands.json"), "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")


def main_file_size(path):
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def run_pool(jobs, workers):
    """jobs: list of (key, argv, cwd), started largest main file first (the
    order concur's workers take TUs in, so that both pay the same tail).
    Returns ({key: (exit, seconds, peak RSS KiB)}, wall seconds)."""
    pending = sorted(jobs, key=lambda j: -main_file_size(j[0]))
    running, res = {}, {}
    t0 = time.monotonic()
    while pending or running:
        while pending and len(running) < workers:
            key, argv, cwd = pending.pop(0)
            p = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Keep the Popen: a dropped one is reaped by subprocess's own
            # cleanup at the next Popen, and wait4 would lose its child.
            running[p.pid] = (key, time.monotonic(), p)
        pid, status, ru = os.wait4(-1, 0)
        if pid not in running:
            continue
        key, start, proc = running.pop(pid)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here
        res[key] = (proc.returncode, time.monotonic() - start, ru.ru_maxrss)
    return res, time.monotonic() - t0


def timed(argv, work, name):
    """Runs argv with stdout and stderr in <work>/<name>.stdout/.stderr.
    Returns (exit, wall seconds, peak RSS MiB)."""
    log("$", " ".join(map(shlex.quote, argv)))
    with open(os.path.join(work, name + ".stdout"), "w") as out, \
            open(os.path.join(work, name + ".stderr"), "w") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    return os.waitstatus_to_exitcode(status), wall, ru.ru_maxrss / 1024.0


def load_report(path):
    if not os.path.exists(path):
        return None
    with open(path) as fh:
        return json.load(fh)


def check_run(name, rc, report, work):
    """concur exits 0 (clean), 1 (findings) or 2 (errors, e.g. a TU that
    does not parse); anything else, or no report, is a failed measurement."""
    if rc not in (0, 1, 2) or report is None:
        sys.exit(f"run.py: {name} exited {rc} without a report (see {work}/{name}.stderr)")


def worst_ratio(times_path, floor, src):
    """The TU whose concur time (--time-report: parse and analysis, no
    join) is the largest multiple of its own floor."""
    report = load_report(times_path)
    worst = None
    for t in (report or {}).get("files", []):
        path = t["file"] if os.path.isabs(t["file"]) else os.path.join(src, t["file"])
        f = floor.get(path)
        if not f or f[0] != 0 or f[1] <= 0:
            continue
        if worst is None or t["seconds"] / f[1] > worst[1]:
            worst = (os.path.relpath(path, src), t["seconds"] / f[1], t["seconds"], f[1])
    return worst


def speedup(args, chosen, work):
    """Whole runs (join included) at -j 1 and -j 2 over the same N TUs,
    alternating, --repeat times each; the median walls, their ratio, and
    whether the two reports are the same once the run time is set aside."""
    n = min(args.speedup_subset, len(chosen))
    subset = [chosen[i * len(chosen) // n] for i in range(n)]
    sub_db = os.path.join(work, "speedup-db")
    write_db(sub_db, subset)
    walls = {1: [], 2: []}
    reports = {}
    for r in range(args.repeat):
        for j in (1, 2):
            name = f"speedup-j{j}"
            out = os.path.join(work, name + ".json")
            if os.path.exists(out):
                os.remove(out)
            argv = [args.concur, "-p", sub_db, "--source-root", args.source_root,
                    "--checks=-*,concur-*", "-j", str(j), "--no-cache", "--no-progress",
                    "--format", "json", "-o", out] + [f for f, _ in subset]
            rc, wall, _ = timed(argv, work, name)
            report = load_report(out)
            check_run(name, rc, report, work)
            report.get("stats", {}).pop("seconds", None)
            reports[j] = report
            walls[j].append(wall)
    med = {j: sorted(w)[len(w) // 2] for j, w in walls.items()}
    return n, med[1], med[2], reports[1] == reports[2]


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default=os.path.join(CACHE, "build", "rocksdb"),
                    help="directory holding compile_commands.json")
    ap.add_argument("--source-root", default=os.path.join(CACHE, "src", "rocksdb"))
    ap.add_argument("--concur", default=os.path.join(os.path.dirname(os.path.dirname(HERE)),
                                                     "build", "bin", "concur"))
    ap.add_argument("--clangxx", default="clang++-22", help="the parse floor's compiler")
    ap.add_argument("--limit", type=int, default=0, help="first N TUs in sorted order (0: all)")
    ap.add_argument("-j", type=int, default=2, dest="jobs")
    ap.add_argument("--work", default="/tmp/concur-large")
    ap.add_argument("--speedup-subset", type=int, default=16,
                    help="TUs of the -j 1 / -j 2 comparison (0: skip it)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs of each side of the speedup comparison (median)")
    ap.add_argument("--name", default="rocksdb", help="the project's name in the rows")
    args = ap.parse_args()
    args.db = os.path.abspath(os.path.expanduser(args.db))
    args.source_root = os.path.abspath(os.path.expanduser(args.source_root))
    args.concur = os.path.abspath(args.concur)
    args.work = os.path.abspath(args.work)
    return args


def main():
    args = parse_args()
    os.makedirs(args.work, exist_ok=True)
    chosen = select(args.db, args.limit)
    if not chosen:
        sys.exit(f"run.py: no .cc/.cpp entries in {args.db}/compile_commands.json")
    db = os.path.join(args.work, "db")
    write_db(db, chosen)
    files = [f for f, _ in chosen]
    log(f"{len(chosen)} TUs, -j {args.jobs}, work {args.work}")

    jobs = [(f, syntax_only_argv(args.clangxx, entry_args(e)), e["directory"])
            for f, e in chosen]
    floor, floor_wall = run_pool(jobs, args.jobs)
    floor_failed = sorted(os.path.relpath(f, args.source_root)
                          for f, v in floor.items() if v[0] != 0)
    floor_rss = max(v[2] for v in floor.values()) / 1024.0
    worst_floor = max(floor.items(), key=lambda kv: kv[1][1])
    with open(os.path.join(args.work, "floor.json"), "w") as fh:
        json.dump({os.path.relpath(f, args.source_root):
                   {"exit": v[0], "seconds": round(v[1], 3), "peak_rss_kib": v[2]}
                   for f, v in sorted(floor.items())}, fh, indent=1)

    shard = os.path.join(args.work, "shard.json")
    times = os.path.join(args.work, "time-report.json")
    for stale in (shard, times):
        if os.path.exists(stale):
            os.remove(stale)
    argv = [args.concur, "-p", db, "--source-root", args.source_root,
            "--checks=-*,concur-*", "-j", str(args.jobs), "--no-cache", "--no-progress",
            "--shard", "1/1", "--format", "json", "-o", shard,
            "--time-report=" + times] + files
    rc, tu_wall, tu_rss = timed(argv, args.work, "shard")
    check_run("shard", rc, load_report(shard), args.work)

    merged = os.path.join(args.work, "merged.json")
    if os.path.exists(merged):
        os.remove(merged)
    argv = [args.concur, "merge", "--source-root", args.source_root, "--format", "json",
            "-o", merged, shard]
    rc, join_wall, join_rss = timed(argv, args.work, "merge")
    report = load_report(merged)
    check_run("merge", rc, report, args.work)

    total = tu_wall + join_wall
    date = datetime.date.today().isoformat()
    findings, errors = len(report.get("findings", [])), len(report.get("errors", []))
    print("| project | date | TUs | -j | floor s | per-TU s | join s | total s | total / floor "
          "| peak MiB floor (largest TU) | peak MiB per-TU | peak MiB join | findings | errors |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {args.name} | {date} | {len(chosen)} | {args.jobs} | {floor_wall:.2f} "
          f"| {tu_wall:.2f} | {join_wall:.2f} | {total:.2f} | **{total / floor_wall:.2f}** "
          f"| {floor_rss:,.0f} | {tu_rss:,.0f} | {join_rss:,.0f} | {findings} | {errors} |")
    print()
    rel = os.path.relpath(worst_floor[0], args.source_root)
    print(f"- slowest TU at the floor: `{rel}` {worst_floor[1][1]:.2f} s")
    worst = worst_ratio(times, floor, args.source_root)
    if worst:
        print(f"- largest concur/floor TU: `{worst[0]}` {worst[2]:.2f} s vs "
              f"{worst[3]:.2f} s ({worst[1]:.2f}x)")
    print(f"- floor failures: {len(floor_failed)}"
          + (f" ({', '.join(floor_failed[:5])}{', ...' if len(floor_failed) > 5 else ''})"
             if floor_failed else ""))
    stats = report.get("stats", {})
    print(f"- merged report: {stats.get('files')} files, {stats.get('files_failed')} failed, "
          f"{findings} findings, {errors} analysis errors")

    if args.speedup_subset > 0:
        n, j1, j2, same = speedup(args, chosen, args.work)
        print()
        print("| project | date | TUs | -j 1 s | -j 2 s | speedup | same report |")
        print("|---|---|---:|---:|---:|---:|---|")
        print(f"| {args.name} (subset) | {date} | {n} | {j1:.2f} | {j2:.2f} "
              f"| **{j1 / j2:.2f}x** | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
