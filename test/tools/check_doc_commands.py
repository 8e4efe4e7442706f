#!/usr/bin/env python3
"""Checks that every concur command line the docs show parses.

Finds the `concur ...` commands in code blocks and inline code of the
Markdown pages, in the man page, and in .pre-commit-hooks.yaml (entry plus
args), and runs each through the real option parser with --help added:
an unknown flag, a flag without its value or a bad value fails it. The
commands are not run for real (they need a project); what is checked is
that a reader who copies them gets no usage error.

Usage: check_doc_commands.py CONCUR ROOT  (ROOT: the source tree)
Prints one line per command and exits 1 if any failed.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

# `concur` or a path ending in /concur, at a word start: not libconcur-tidy.so,
# concur-pr, concur.sarif.
START = re.compile(r'(^|[\s|;(&"\'`])((?:[\w./~-]*/)?concur)(?=\s|$|["\'`])')
# Placeholders a reader substitutes, CI variables and GitHub expressions:
# replaced by 1, which every flag taking them accepts (-j, --shard K/N, a
# revision, a path).
VARIABLE = re.compile(r'\$\{\{[^}]*\}\}|\$\{?\w+\}?')
OPERATORS = {'|', '||', '&&', ';', '&', '>', '>>', '<', '2>', ')', '('}


def commands_in_line(line):
    """The concur commands in one (joined) line, as argument lists."""
    out = []
    for m in START.finditer(line):
        quote = m.group(1)
        rest = line[m.start(2):]
        if quote in '"\'`' and quote:
            rest = rest.split(quote, 1)[0]  # the command is the quoted text
        if ' [-' in rest:
            continue  # a synopsis ("concur merge [-o FILE]... REPORT..."), not a command
        lexer = shlex.shlex(VARIABLE.sub('1', rest), posix=True,
                            punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = '#'
        try:
            tokens = list(lexer)
        except ValueError:
            continue  # an unbalanced quote: prose, not a command
        argv = []
        for token in tokens:
            if token in OPERATORS:
                break
            argv.append('2' if token == 'N' else token)  # "-j N" in prose
        out.append(argv)
    return out


def joined_lines(text):
    """Lines with shell continuations (\\) and folded YAML scalars joined."""
    lines = text.split('\n')
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        if re.search(r':\s*>-?\s*$', line):  # a folded YAML block: one line
            i += 1
            folded = []
            block = None  # the indentation of the block's first line
            while i < len(lines) and lines[i].strip():
                at = len(lines[i]) - len(lines[i].lstrip())
                block = at if block is None else block
                if at <= indent or at < block:
                    break
                folded.append(lines[i].strip())
                i += 1
            out.append(' '.join(folded))
            continue
        while i + 1 < len(lines):
            nxt = lines[i + 1]
            if line.endswith('\\'):
                line = line[:-1] + ' ' + nxt.strip()
            elif (len(nxt) - len(nxt.lstrip()) > indent and
                  re.match(r'\s*-[-\w]', nxt)):  # a YAML plain scalar goes on
                line += ' ' + nxt.strip()
            else:
                break
            i += 1
        out.append(line)
        i += 1
    return out


def markdown_commands(text):
    found = []
    in_code = False
    for line in joined_lines(text):
        if line.lstrip().startswith('```'):
            in_code = not in_code
            continue
        if in_code:
            found += commands_in_line(line)
        else:
            for span in re.findall(r'`([^`]+)`', line):
                found += commands_in_line(span)
    return found


def man_commands(text):
    plain = re.sub(r'\\f[BIRP]', '', text).replace('\\-', '-').replace('\\(aq', "'")
    return [c for line in joined_lines(plain) if not line.startswith('.')
            for c in commands_in_line(line)]


def hook_commands(root):
    hooks = yaml.safe_load((root / '.pre-commit-hooks.yaml').read_text())
    entry = {h['id']: shlex.split(h['entry']) for h in hooks}
    out = [entry[h['id']] + h.get('args', []) for h in hooks]
    # The user guide's .pre-commit-config.yaml: its args replace the hook's.
    guide = (root / 'docs/user-guide.md').read_text()
    for block in re.findall(r'```yaml\n(# \.pre-commit-config\.yaml.*?)```', guide, re.S):
        for repo in yaml.safe_load(block)['repos']:
            for hook in repo['hooks']:
                out.append(entry[hook['id']] + hook.get('args', []))
    return out


def main():
    concur, root = sys.argv[1], Path(sys.argv[2])
    sources = {p: markdown_commands(p.read_text())
               for p in [root / 'README.md', *sorted((root / 'docs').glob('*.md'))]}
    sources[root / 'docs/man/concur.1'] = man_commands((root / 'docs/man/concur.1').read_text())
    sources[root / '.pre-commit-hooks.yaml'] = hook_commands(root)
    failed = 0
    for path, commands in sources.items():
        for argv in commands:
            args = argv[1:]
            at = 1 if args[:1] in (['merge'], ['import-tsan']) else 0
            args = args[:at] + ['--help'] + args[at:]
            run = subprocess.run([concur] + args, capture_output=True, text=True)
            ok = run.returncode == 0 and run.stdout.startswith('USAGE: concur')
            failed += not ok
            print(('ok    ' if ok else 'FAIL  ') + path.relative_to(root).as_posix() + ': ' +
                  shlex.join(argv) + ('' if ok else '\n      ' + run.stderr.strip()))
    print(f'{sum(map(len, sources.values()))} commands, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
