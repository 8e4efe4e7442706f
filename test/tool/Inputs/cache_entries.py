#!/usr/bin/env python3
"""Looks into concur's cache directory for test/tool/cache*.test.

  cache_entries.py setup ROOT
      Copies Inputs/cache/proj to ROOT/proj with its compile database in
      ROOT/proj/build (absolute paths into ROOT/proj).
  cache_entries.py age DIR
      Dates every entry in DIR back to 2001, so that the entries a run
      rewrites can be told apart afterwards.
  cache_entries.py fresh DIR
      Prints, sorted, the main file (base name) of every entry newer than
      2001: the TUs the last run analysed and stored.
  cache_entries.py damage DIR NAME HOW
      Damages the entry of the TU whose main file's base name is NAME:
      HOW is "garbage" (random bytes), "truncate" (cut inside its report) or
      "foreign" (a valid entry of another TU in its place).
  cache_entries.py check DIR
      Checks that every entry is whole (its report parses) and that no
      temporary file is left; prints "N entries intact".
"""
import glob
import json
import os
import shutil
import sys

OLD = 978307200  # 2001-01-01


def entries(d):
    return sorted(glob.glob(os.path.join(d, "*.tu")))


def header(path):
    with open(path, "rb") as f:
        text = f.read().decode(errors="replace")
    head, _, body = text.partition("\nend\n")
    fields = {}
    for line in head.splitlines():
        tag, _, value = line.partition(" ")
        fields.setdefault(tag, value)
    return fields, body


def main_file(path):
    return os.path.basename(header(path)[0].get("file", "?"))


def setup(root):
    here = os.path.dirname(os.path.abspath(__file__))
    proj = os.path.join(root, "proj")
    shutil.copytree(os.path.join(here, "cache", "proj"), proj)
    os.makedirs(os.path.join(proj, "build"), exist_ok=True)
    with open(os.path.join(here, "cache", "compile_commands.json.in")) as f:
        text = f.read().replace("@ROOT@", proj)
    with open(os.path.join(proj, "build", "compile_commands.json"), "w") as f:
        f.write(text)


def damage(d, name, how):
    [target] = [p for p in entries(d) if main_file(p) == name]
    if how == "garbage":
        data = bytes((i * 37 + 11) % 256 for i in range(700))
    elif how == "truncate":
        with open(target, "rb") as f:
            data = f.read()
        data = data[: data.index(b"\nend\n") + 40]
    else:
        [other] = [p for p in entries(d) if p != target][:1]
        with open(other, "rb") as f:
            data = f.read()
    with open(target, "wb") as f:
        f.write(data)


def check(d):
    problems = [p for p in os.listdir(d) if not p.endswith(".tu")]
    for p in entries(d):
        fields, body = header(p)
        try:
            json.loads(body)
        except ValueError as e:
            problems.append(f"{p}: {e}")
        if os.path.basename(p) != fields.get("key", "") + ".tu":
            problems.append(f"{p}: key {fields.get('key')}")
    for p in problems:
        print("problem:", p)
    print(f"{len(entries(d))} entries intact" if not problems else "cache damaged")
    return 1 if problems else 0


def main(argv):
    cmd, d = argv[1], argv[2]
    if cmd == "setup":
        setup(d)
    elif cmd == "age":
        for p in entries(d):
            os.utime(p, (OLD, OLD))
    elif cmd == "fresh":
        for name in sorted(main_file(p) for p in entries(d) if os.path.getmtime(p) > OLD):
            print(name)
    elif cmd == "damage":
        damage(d, argv[3], argv[4])
    elif cmd == "check":
        return check(d)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
