"""The parse floor's command: a TU's own compile command turned into
`clang -fsyntax-only` (output, dependency-file and compile-only flags
dropped). Shared by bench/static/compare.py and bench/wild/wild.py."""


def syntax_only_argv(compiler, args):
    """`compiler` with the flags of `args` (a compile command's argv,
    compiler first) that matter to parsing, plus -fsyntax-only."""
    out = [compiler]
    skip = False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD", "-M", "-MM", "-MP") or a.startswith("-o"):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]
