#!/usr/bin/env python3
"""cache_stable.py A B [A B]...: each pair of reports (text, JSON or SARIF,
told by the extension) is identical once what differs between any two runs
is dropped: the run time, and in JSON the count of files taken from the
cache. Prints the first difference and exits 1 otherwise."""
import difflib
import re
import sys


def stable(path):
    with open(path) as f:
        lines = f.readlines()
    if path.endswith(".txt"):
        return [re.sub(r" in \d+\.\d s$", " in <time>", l) for l in lines]
    return [l.rstrip().rstrip(",") for l in lines
            if '"seconds"' not in l and '"files_cached"' not in l]


def main(argv):
    status = 0
    for a, b in zip(argv[1::2], argv[2::2]):
        x, y = stable(a), stable(b)
        if x != y:
            sys.stdout.writelines(list(difflib.unified_diff(x, y, a, b))[:20])
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
