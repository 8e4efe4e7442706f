"""Runs the hook of .pre-commit-hooks.yaml as pre-commit would: its entry
and args, split as a shell would split them, in the current directory (the
repository). Prints the hook's fields first so that the test can check
them, then exits with the hook's status."""
import shlex
import subprocess
import sys

import yaml

hooks = yaml.safe_load(open(sys.argv[1]))
hook = next(h for h in hooks if h["id"] == sys.argv[2])
for key in ("language", "pass_filenames", "types_or"):
    print(f"{key}: {hook.get(key)}")
sys.stdout.flush()
# The concur under test, not one on PATH.
command = shlex.split(hook["entry"])
command[0] = sys.argv[3]
sys.exit(subprocess.call(command + hook.get("args", [])))
