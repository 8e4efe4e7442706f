"""Runs a command with its stderr on a pseudo-terminal (so that concur shows
its progress line) and prints the [k/N] counts the line showed, in order,
any count shown more than once, and the files' base names in the order
they started."""
import os
import pty
import re
import subprocess
import sys

master, slave = pty.openpty()
proc = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                        stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:  # EIO: the other side closed
        break
    if not chunk:
        break
    data += chunk
proc.wait()
lines = re.findall(rb"\[(\d+)/\d+\] ([^\r\x1b]*)", data)
counts = [int(k) for k, _ in lines]
print("progress:", " ".join(map(str, counts)))
repeated = sorted({c for c in counts if counts.count(c) > 1})
print("repeated:", " ".join(map(str, repeated)) if repeated else "none")
print("started:", " ".join(os.path.basename(f.decode()) for _, f in lines))
