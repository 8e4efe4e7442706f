#!/usr/bin/env python3
"""Working-directory isolation of the concur CLI's workers.

  cwd_isolation.py gen ROOT [--extra N] [--std-thread]
      Writes ROOT/proj/b0..b2 (three build directories, each with src/ and
      include/; N more with a race of their own with --extra), ROOT/db/compile_commands.json (relative `file` entries and a
      relative -Iinclude, meaningful only from each entry's `directory`) and
      ROOT/run, the directory concur runs in, whose src/, include/ and out/
      are decoys: resolving a relative path there is a bug the output shows.
      The sources use a stand-in for std::thread (fast to parse) unless
      --std-thread asks for <thread> (longer TUs, so that workers overlap).

  cwd_isolation.py repeat ROOT CONCUR RUNS JOBS [EXPECTED_STATUS]
      Runs `CONCUR --no-progress -j JOBS -p ../db -o out/report.json` in
      ROOT/run RUNS times and checks that every run exits EXPECTED_STATUS
      (default 1: findings), writes a non-empty report at ROOT/run/out, and
      nothing under the build directories, that no run reports a
      ThreadSanitizer warning, and that all reports are byte-identical once
      the timing and cache-count lines are dropped. Prints one summary line and copies the first
      report to ROOT/first.json. Exits 1 on any failure.
"""
import json
import os
import shutil
import subprocess
import sys

# std::thread as concur sees it, without <thread>'s parse time (the test
# runs the CLI 50 times).
MINI_THREAD = (
    "#pragma once\n"
    "namespace std {\n"
    "class thread {\n"
    "public:\n"
    "  template <class F, class... Args> explicit thread(F &&f, Args &&...args);\n"
    "  void join();\n"
    "};\n"
    "} // namespace std\n")

# Each build directory has an include/api.h of its own: a header found from
# the wrong directory changes the findings or fails the compile.
TREE = {
    # Starts two threads on handle(), defined in b1 (a cross-TU race).
    "b0": {
        "include/api.h": "#pragma once\nvoid handle(int id); // b1/src/handler.cpp\n",
        "src/server.cpp": (
            '#include "api.h"\n'
            '#include "mini_thread.h"\n'
            "int main() {\n"
            "  std::thread a(handle, 1), b(handle, 2);\n"
            "  a.join();\n"
            "  b.join();\n"
            "}\n"),
    },
    # handle() updates a global through an inline function of its header.
    "b1": {
        "include/api.h": (
            "#pragma once\n"
            "extern long requests; // src/handler.cpp\n"
            "inline void count_request() { ++requests; }\n"
            "void handle(int id);\n"),
        "src/handler.cpp": (
            '#include "api.h"\n'
            "long requests = 0;\n"
            "void handle(int id) {\n"
            "  if (id >= 0)\n"
            "    count_request();\n"
            "}\n"),
    },
    # A race inside one TU: two threads increment an unguarded global.
    "b2": {
        "include/api.h": "#pragma once\nextern int hits;\nvoid bump_unlocked();\n",
        "src/local.cpp": (
            '#include "api.h"\n'
            '#include "mini_thread.h"\n'
            "int hits = 0;\n"
            "void bump_unlocked() { hits++; }\n"
            "void worker() { bump_unlocked(); }\n"
            "void start_local() {\n"
            "  std::thread t1(worker), t2(worker);\n"
            "  t1.join();\n"
            "  t2.join();\n"
            "}\n"),
    },
}

DECOY = '#error "resolved against the process working directory, not the TU\'s"\n'


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def local_race(k):
    """A build directory whose TU races on a global of its own."""
    return {
        "include/api.h": f"#pragma once\nextern int hits{k};\nvoid bump{k}();\n",
        f"src/local{k}.cpp": (
            '#include "api.h"\n'
            '#include "mini_thread.h"\n'
            f"int hits{k} = 0;\n"
            f"void bump{k}() {{ hits{k}++; }}\n"
            f"void worker{k}() {{ bump{k}(); }}\n"
            f"void start{k}() {{\n"
            f"  std::thread t1(worker{k}), t2(worker{k});\n"
            "  t1.join();\n"
            "  t2.join();\n"
            "}\n"),
    }


def gen(root, extra=0, std_thread=False):
    proj = os.path.join(root, "proj")
    entries = []
    tree = dict(TREE)
    for k in range(3, 3 + extra):
        tree[f"b{k}"] = local_race(k)
    for build, files in sorted(tree.items()):
        directory = os.path.join(proj, build)
        for rel, text in files.items():
            write(os.path.join(directory, rel), text)
        write(os.path.join(directory, "include", "mini_thread.h"),
              "#pragma once\n#include <thread>\n" if std_thread else MINI_THREAD)
        # An out/ in every build directory: a report written there means the
        # relative -o was resolved against a worker's directory.
        os.makedirs(os.path.join(directory, "out"), exist_ok=True)
        for rel in files:
            if rel.startswith("src/"):
                entries.append({
                    "directory": directory,
                    "file": rel,
                    "arguments": ["clang++", "-std=c++20", "-pthread", "-Iinclude",
                                  "-c", rel],
                })
    write(os.path.join(root, "db", "compile_commands.json"), json.dumps(entries, indent=1))
    run = os.path.join(root, "run")
    for files in tree.values():
        for rel in files:
            write(os.path.join(run, rel), DECOY)
    os.makedirs(os.path.join(run, "out"), exist_ok=True)


def stable(path):
    # The first run fills the cache in the build directory (.concur-cache),
    # the others take every TU from it: the count of those differs too.
    with open(path, "rb") as f:
        return b"".join(line for line in f.readlines()
                        if b'"seconds"' not in line and b'"files_cached"' not in line)


def repeat(root, concur, runs, jobs, expected):
    run = os.path.join(root, "run")
    if os.sep in concur:
        concur = os.path.abspath(concur)
    report = os.path.join(run, "out", "report.json")
    proj = os.path.join(root, "proj")
    strays = [os.path.join(proj, b, "out", "report.json") for b in sorted(os.listdir(proj))]
    first = None
    failures = []
    for i in range(runs):
        if os.path.exists(report):
            os.remove(report)
        p = subprocess.run([concur, "--no-progress", "-j", str(jobs), "-p", "../db",
                            "-o", "out/report.json"],
                           cwd=run, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stderr = p.stderr.decode(errors="replace")
        problems = []
        if p.returncode != expected:
            problems.append(f"exit {p.returncode}, expected {expected}")
        if "WARNING: ThreadSanitizer" in stderr:
            problems.append("ThreadSanitizer report")
        if not os.path.exists(report) or os.path.getsize(report) == 0:
            problems.append("no report (or an empty one) at run/out/report.json")
        else:
            text = stable(report)
            if first is None:
                first = text
                shutil.copyfile(report, os.path.join(root, "first.json"))
            elif text != first:
                problems.append("report differs from run 1")
        for stray in strays:
            if os.path.exists(stray):
                problems.append(f"report written to {stray}")
                os.remove(stray)
        if problems:
            failures.append((i + 1, problems, stderr))
    if failures:
        for i, problems, stderr in failures[:5]:
            print(f"run {i}: " + "; ".join(problems))
            sys.stdout.write(stderr[-4000:])
        print(f"{runs - len(failures)}/{runs} runs ok at -j {jobs}")
        return 1
    print(f"{runs}/{runs} runs ok at -j {jobs}: exit {expected}, identical non-empty reports")
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "gen":
        extra = int(argv[argv.index("--extra") + 1]) if "--extra" in argv else 0
        gen(os.path.abspath(argv[2]), extra, "--std-thread" in argv)
        return 0
    if len(argv) in (6, 7) and argv[1] == "repeat":
        expected = int(argv[6]) if len(argv) == 7 else 1
        return repeat(os.path.abspath(argv[2]), argv[3], int(argv[4]), int(argv[5]), expected)
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
