"""Appends a comment of N bytes to each FILE (pad.py N FILE...): the file
then looks costlier to the CLI's longest-first job order, with the same
findings."""
import sys

size = int(sys.argv[1])
for path in sys.argv[2:]:
    with open(path, "a") as fh:
        fh.write("\n/*" + " " * size + "*/\n")
