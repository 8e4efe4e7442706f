#!/usr/bin/env python3
"""Driver of the wild benchmark: fetch, configure, slice, run concur and the
parse floor, write bench/wild/results/<project>.json and .stats.json.

Called by run.sh; the per-project configuration is projects.py.
Cached under $CONCUR_WILD_DIR (default ~/.cache/concur-wild):
  src/<p>/      unpacked Debian source package (or extracted binary packages)
  build/<p>/    configure/build tree with compile_commands.json
  slice/<p>/    the slice's compile database (the exact commands run)
  out/<p>/      raw concur report and logs of the last run
A rerun reuses all of them; delete a directory to redo that step.
"""
import argparse
import datetime
import fnmatch
import glob
import json
import os
import resource
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from projects import PROJECTS  # noqa: E402
sys.path.insert(0, os.path.dirname(HERE))
from parse_floor import syntax_only_argv  # noqa: E402

JOBS = 2
CXX = "clang++-22"
CC = "clang-22"


def log(*a):
    print("[wild]", *a, file=sys.stderr, flush=True)


def sh(cmd, cwd=None, env=None, logfile=None):
    log("$", cmd if isinstance(cmd, str) else " ".join(map(shlex.quote, cmd)))
    out = open(logfile, "a") if logfile else None
    try:
        r = subprocess.run(cmd, shell=isinstance(cmd, str), cwd=cwd, env=env,
                           stdout=out, stderr=subprocess.STDOUT if out else None)
    finally:
        if out:
            out.close()
    if r.returncode != 0:
        raise RuntimeError(f"command failed ({r.returncode}): {cmd}"
                           + (f" (log: {logfile})" if logfile else ""))


# ---------------------------------------------------------------- fetch

def install_deps(names):
    missing = [n for n in names
               if subprocess.run(["dpkg-query", "-W", "-f=${Status}", n],
                                 capture_output=True, text=True).stdout
               != "install ok installed"]
    if missing:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends"] + missing
        try:
            sh(cmd, env=env)
        except RuntimeError:   # a fresh machine's package lists may be stale
            sh(["apt-get", "update", "-q"], env=env)
            sh(cmd, env=env)


def fetch(name, cfg, wild):
    src = os.path.join(wild, "src", name)
    if os.path.exists(src + ".unpacked"):
        return src
    if "binary" in cfg:
        # The archive serves this source package's files as 404 on some
        # mirrors; the binary packages of the same upstream version carry the
        # headers and the upstream examples/tests we slice.
        dl = src + ".dl"
        shutil.rmtree(dl, ignore_errors=True)
        os.makedirs(dl)
        sh(["apt-get", "download"] + cfg["binary"], cwd=dl)
        shutil.rmtree(src, ignore_errors=True)
        os.makedirs(src)
        for deb in sorted(glob.glob(os.path.join(dl, "*.deb"))):
            sh(["dpkg-deb", "-x", deb, src])
        with open(src + ".unpacked", "w") as f:
            f.write(" ".join(sorted(os.path.basename(d) for d in glob.glob(dl + "/*.deb"))) + "\n")
        shutil.rmtree(dl)
        return src
    try:
        sh([os.path.join(HERE, "apt-src.sh"), wild, name])
    except RuntimeError:
        if "binary_fallback" not in cfg:
            raise
        log(f"{name}: apt-get source failed; using the binary packages")
        return fetch(name, dict(cfg, binary=cfg["binary_fallback"]), wild)
    return src


# ---------------------------------------------------------------- configure

def configure(name, cfg, src, wild):
    build = os.path.join(wild, "build", name)
    db = os.path.join(build, "compile_commands.json")
    stamp = os.path.join(build, ".configured")
    if os.path.exists(stamp) and os.path.exists(db):
        return build, db
    shutil.rmtree(build, ignore_errors=True)
    os.makedirs(build)
    logf = os.path.join(build, "configure.log")
    env = dict(os.environ, CC=CC, CXX=CXX)
    kind = cfg["configure"]
    if kind == "cmake":
        sh(["cmake", "-G", "Ninja", "-S", os.path.join(src, cfg.get("cmake_dir", "")),
            "-B", build, "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
            "-DCMAKE_BUILD_TYPE=Release", f"-DCMAKE_C_COMPILER={CC}",
            f"-DCMAKE_CXX_COMPILER={CXX}"] + cfg.get("cmake_args", []),
           env=env, logfile=logf)
        for t in cfg.get("build_targets", []):   # generated headers only
            sh(["ninja", "-C", build, f"-j{JOBS}", t], logfile=logf)
    elif kind == "bear":
        # make-based: bear records the compiler calls of a real build.
        for step in cfg.get("pre", []):
            sh(step, cwd=src, env=env, logfile=logf)
        sh(["bear", "--output", db, "--"] + shlex.split(cfg["make"]),
           cwd=src, env=env, logfile=logf)
    elif kind == "generate":
        # Header-only: a small compile database over upstream sources.
        entries = []
        flags = [a.replace("@src", src) for a in cfg["flags"]]
        for g in cfg["sources"]:
            for f in sorted(glob.glob(os.path.join(src, g), recursive=True)):
                comp = CC if f.endswith(".c") else CXX
                entries.append({"directory": os.path.dirname(f),
                                "arguments": [comp] + flags + ["-c", f],
                                "file": f})
        with open(db, "w") as fh:
            json.dump(entries, fh, indent=1)
    else:
        raise ValueError(kind)
    if not os.path.exists(db):
        raise RuntimeError(f"{name}: no compile database at {db}")
    open(stamp, "w").close()
    return build, db


# ---------------------------------------------------------------- slice

def entry_args(e):
    return list(e["arguments"]) if "arguments" in e else shlex.split(e["command"])


def abs_file(e):
    f = e["file"]
    return os.path.normpath(f if os.path.isabs(f) else os.path.join(e["directory"], f))


def is_c(path):
    return path.endswith(".c")


def with_std(args, path, cfg):
    """The project's args with -std=c++20 (gnu++20 for gnu++NN) for C++ TUs."""
    if is_c(path) or not cfg.get("cxx20", True):
        return list(args)
    out, seen = [], False
    for a in args:
        if a.startswith("-std="):
            seen = True
            a = "-std=gnu++20" if "gnu" in a else "-std=c++20"
        out.append(a)
    if not seen:
        out.insert(1, "-std=c++20")
    return out


def compiles(entry):
    """Whether a database entry compiles its file. bear also records the
    compiler's own `-cc1` runs and the preprocessor-only runs a Makefile
    makes for its dependency list (redis: `$(CC) -MM *.c`); their flags
    are no command to parse the file with."""
    args = entry_args(entry)
    return "-cc1" not in args and not any(a in ("-E", "-M", "-MM", "-Eonly") for a in args)


def select(cfg, src, build, db):
    with open(db) as fh:
        entries = json.load(fh)
    rel = {}
    for e in entries:
        f = abs_file(e)
        if f.startswith(src + "/") and compiles(e):
            rel.setdefault(os.path.relpath(f, src), e)
    chosen = []
    for g in cfg["slice"]:
        for r in sorted(rel):
            if fnmatch.fnmatch(r, g) and r not in chosen:
                if not any(fnmatch.fnmatch(r, x) for x in cfg.get("exclude", [])):
                    chosen.append(r)
    cap = cfg.get("max_tus", 100)
    return [(r, rel[r]) for r in chosen[:cap]]


def floor_argv(args, path):
    """`clang -fsyntax-only` with the TU's own flags."""
    return syntax_only_argv(CC if is_c(path) else CXX, args)


def run_pool(jobs, workers=JOBS):
    """jobs: list of (key, argv, cwd). Returns {key: (rc, seconds, maxrss_kib,
    stderr)} and the wall time of the whole pool."""
    pending = list(jobs)
    running = {}
    res = {}
    t0 = time.monotonic()
    while pending or running:
        while pending and len(running) < workers:
            key, argv, cwd = pending.pop(0)
            p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
            running[p.pid] = (key, p, time.monotonic())
        pid, status, ru = os.wait4(-1, 0)
        if pid not in running:
            continue
        key, p, start = running.pop(pid)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
        p.returncode = os.waitstatus_to_exitcode(status)
        res[key] = (p.returncode, time.monotonic() - start, ru.ru_maxrss, err)
    return res, time.monotonic() - t0


def make_slice(name, cfg, src, build, db, wild):
    """The slice's compile database, C++20 where it parses. Cached."""
    sdir = os.path.join(wild, "slice", name)
    sdb = os.path.join(sdir, "compile_commands.json")
    if os.path.exists(sdb):
        with open(sdb) as fh:
            return sdir, json.load(fh), None
    os.makedirs(sdir, exist_ok=True)
    sel = select(cfg, src, build, db)
    if not sel:
        raise RuntimeError(f"{name}: the slice matches no TU of the database")
    cand = {r: (e, with_std(entry_args(e), abs_file(e), cfg)) for r, e in sel}
    jobs = [(r, floor_argv(a, abs_file(e)), e["directory"]) for r, (e, a) in cand.items()]
    res, wall = run_pool(jobs)
    final, dropped, retried = [], [], False
    for r, (e, a) in cand.items():
        f = abs_file(e)
        if res[r][0] != 0:
            orig = entry_args(e)
            retried = True
            rc = subprocess.run(floor_argv(orig, f), cwd=e["directory"],
                                capture_output=True).returncode
            if rc != 0:
                dropped.append({"file": r, "error": res[r][3].strip().splitlines()[:3]})
                continue
            a = orig
        final.append({"directory": e["directory"], "arguments": a, "file": f})
    with open(sdb, "w") as fh:
        json.dump(final, fh, indent=1)
    with open(os.path.join(sdir, "dropped.json"), "w") as fh:
        json.dump(dropped, fh, indent=1)
    probe = None
    if not retried:   # the probe pass is the floor measurement, keyed as run_project keys it
        probe = ({abs_file(e): res[r] for r, (e, _) in cand.items()}, wall)
    return sdir, final, probe


# ---------------------------------------------------------------- measure

def count_lines(path):
    try:
        with open(path, "rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return 0


def relativize(obj, src, build):
    if isinstance(obj, dict):
        return {k: relativize(v, src, build) for k, v in obj.items()}
    if isinstance(obj, list):
        return [relativize(v, src, build) for v in obj]
    if isinstance(obj, str):
        if obj.startswith(src + "/"):
            return obj[len(src) + 1:]
        if obj.startswith(build + "/"):
            return "@build/" + obj[len(build) + 1:]
        return obj.replace(src + "/", "").replace(build + "/", "@build/")
    return obj


def worst_tu(times, floor, src):
    """The TU whose concur time is the largest multiple of its own parse
    floor: concur's per-TU wall time (--time-report=FILE, parse included,
    the cross-TU join not) against that TU's `-fsyntax-only` run. Both ran
    two at a time. None without a time report."""
    if not os.path.exists(times):
        return None
    with open(times) as fh:
        report = json.load(fh)
    worst = None
    for t in report.get("files", []):
        path = t["file"] if os.path.isabs(t["file"]) else os.path.join(src, t["file"])
        f = floor.get(path)
        if not f or f[0] != 0 or f[1] <= 0:
            continue
        ratio = t["seconds"] / f[1]
        if worst is None or ratio > worst["ratio"]:
            # analysis_s: concur's own share (model and checks), which
            # tells its cost from the compiler's noise under load.
            worst = {"file": os.path.relpath(path, src), "concur_s": round(t["seconds"], 2),
                     "floor_s": round(f[1], 2), "ratio": round(ratio, 2),
                     "analysis_s": round(t["analyses"] + t["checks"], 2)}
    return worst


def run_project(name, wild, concur, results_dir):
    cfg = PROJECTS[name]
    install_deps(cfg.get("deps", []))
    src = fetch(name, cfg, wild)
    build, db = configure(name, cfg, src, wild)
    sdir, entries, probe = make_slice(name, cfg, src, build, db, wild)
    out = os.path.join(wild, "out", name)
    os.makedirs(out, exist_ok=True)

    # Parse floor.
    if probe is None:
        jobs = [(e["file"], floor_argv(e["arguments"], e["file"]), e["directory"])
                for e in entries]
        res, floor_wall = run_pool(jobs)
    else:
        res, floor_wall = probe
    floor_failed = sum(1 for v in res.values() if v[0] != 0)
    floor_rss = max(v[2] for v in res.values())

    # concur, every check.
    raw = os.path.join(out, "report.json")
    if os.path.exists(raw):
        os.remove(raw)
    # The project's tree is the source root: its headers' findings are its
    # own (concur hides findings in headers outside the source root).
    # --no-cache: the time measured is the analysis, not a cache hit.
    argv = [concur, "-p", sdir, "--checks=-*,concur-*", "-j", str(JOBS), "--no-cache",
            "--source-root", src, "--no-progress", "--format", "json", "-o", raw]
    # Each TU's own time, for the worst TU against its floor (binaries
    # older than --time-report are measured without it).
    times = os.path.join(out, "time-report.json")
    if os.path.exists(times):
        os.remove(times)
    if "--time-report" in subprocess.run([concur, "--help"], capture_output=True,
                                         text=True).stdout:
        argv.append("--time-report=" + times)
    log("$", " ".join(map(shlex.quote, argv)))
    t0 = time.monotonic()
    with open(os.path.join(out, "concur.txt"), "w") as txt, \
            open(os.path.join(out, "concur.stderr"), "w") as err:
        p = subprocess.Popen(argv, stdout=txt, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
    concur_wall = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    crashed = rc not in (0, 1, 2) or not os.path.exists(raw)
    if crashed:
        log(f"{name}: concur exited {rc} (see {out}/concur.stderr)")
        report = {"tool": {"name": "concur"}, "findings": [], "errors": [
            {"file": "", "message": f"concur exited {rc} without a report"}],
            "stats": {}}
    else:
        with open(raw) as fh:
            report = json.load(fh)
    report = relativize(report, src, build)
    version = subprocess.run([concur, "--version"], capture_output=True,
                             text=True).stdout.strip()
    lines = sum(count_lines(e["file"]) for e in entries)
    with open(os.path.join(sdir, "dropped.json")) as fh:
        dropped = json.load(fh)
    stats = {
        "project": name,
        "package": open(src + ".unpacked").read().strip(),
        "date": datetime.date.today().isoformat(),
        "concur_version": version,
        "tus": len(entries),
        "tus_dropped": len(dropped),
        "lines": lines,
        "findings": len(report.get("findings", [])),
        "analysis_errors": len(report.get("errors", [])),
        "concur": {"seconds": round(concur_wall, 2),
                   "peak_rss_mib": round(ru.ru_maxrss / 1024, 1),
                   "exit": rc},
        "floor": {"seconds": round(floor_wall, 2),
                  "peak_rss_mib": round(floor_rss / 1024, 1),
                  "failed": floor_failed},
        "worst_tu": worst_tu(times, res, src),
        "jobs": JOBS,
        "files": sorted(os.path.relpath(e["file"], src) for e in entries),
    }
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, name + ".json"), "w") as fh:
        json.dump(report, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(results_dir, name + ".stats.json"), "w") as fh:
        json.dump(stats, fh, indent=1)
        fh.write("\n")
    log(f"{name}: {stats['tus']} TUs, {stats['findings']} findings, "
        f"{stats['analysis_errors']} errors, concur {concur_wall:.1f}s vs floor "
        f"{floor_wall:.1f}s, exit {rc}")
    return not crashed


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("projects", nargs="*")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--prepare-only", action="store_true",
                    help="fetch, configure and slice; run nothing")
    a = ap.parse_args()
    wild = os.path.abspath(os.path.expanduser(
        os.environ.get("CONCUR_WILD_DIR", "~/.cache/concur-wild")))
    concur = os.path.abspath(os.environ.get(
        "CONCUR", os.path.join(REPO, "build", "bin", "concur")))
    names = a.projects or list(PROJECTS)
    for n in names:
        if n not in PROJECTS:
            sys.exit(f"unknown project '{n}'; known: {' '.join(PROJECTS)}")
    if not a.prepare_only and not os.access(concur, os.X_OK):
        sys.exit(f"no concur binary at {concur} (set CONCUR=)")
    failed = []
    for n in names:
        try:
            if a.prepare_only:
                cfg = PROJECTS[n]
                install_deps(cfg.get("deps", []))
                src = fetch(n, cfg, wild)
                build, db = configure(n, cfg, src, wild)
                make_slice(n, cfg, src, build, db, wild)
            elif not run_project(n, wild, concur, a.results):
                failed.append(n)
        except Exception as ex:  # one project's failure must not stop the rest
            log(f"{n}: FAILED: {ex}")
            failed.append(n)
    if failed:
        log("failed:", " ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
