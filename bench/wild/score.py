#!/usr/bin/env python3
"""Score the wild benchmark: concur's findings on real projects against the
triage ledger.

Reads RESULTS/<project>.json (concur JSON reports, paths relative to the
project's source root), RESULTS/<project>.stats.json (TUs, lines, time and
peak RSS of concur and of the parse floor) and the triage ledger (JSON lines:
project, check, fingerprint, file, line, verdict tp|fp|debatable, reason).
A finding is judged when the ledger has its (project, check, fingerprint);
the last ledger line for a key wins.

Precision is tp / (tp + fp): debatable verdicts are left out of it.

  score.py                 text tables
  score.py --markdown      the same as Markdown tables (for README.md)
  score.py --untriaged     the findings nobody has judged yet
"""
import argparse
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = ("tp", "fp", "debatable")


def load_triage(path):
    ledger = {}
    if not os.path.exists(path):
        return ledger
    with open(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                t = json.loads(line)
                key = (t["project"], t["check"], t["fingerprint"])
                verdict = t["verdict"]
            except (ValueError, KeyError, TypeError) as ex:
                sys.exit(f"score.py: {path}:{n}: not a triage record ({ex})")
            if verdict not in VERDICTS:
                sys.exit(f"score.py: {path}:{n}: verdict '{verdict}' is not one of "
                         + "|".join(VERDICTS))
            ledger[key] = t
    return ledger


def load_results(d):
    projects = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".stats.json"):
            continue
        p = name[:-len(".stats.json")]
        with open(os.path.join(d, name)) as fh:
            stats = json.load(fh)
        rep_path = os.path.join(d, p + ".json")
        report = {"findings": [], "errors": []}
        if os.path.exists(rep_path):
            with open(rep_path) as fh:
                report = json.load(fh)
        projects.append((p, stats, report))
    return projects


def ratio(a, b):
    return a / b if b else None


def fmt(x, digits=2):
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def score(projects, ledger):
    rows, per_check = [], collections.OrderedDict()
    seen_keys = set()
    tot = collections.Counter()
    tot_f = collections.Counter()
    for p, stats, report in projects:
        c = collections.Counter()
        by_check = collections.Counter()
        for f in report.get("findings", []):
            check = f.get("check", "?")
            key = (p, check, f.get("fingerprint"))
            seen_keys.add(key)
            v = ledger.get(key, {}).get("verdict", "untriaged")
            c[v] += 1
            by_check[check] += 1
            pc = per_check.setdefault(check, collections.Counter())
            pc["findings"] += 1
            pc[v] += 1
        n = sum(by_check.values())
        lines = stats.get("lines", 0)
        cs = stats.get("concur", {})
        fl = stats.get("floor", {})
        row = {
            "project": p, "tus": stats.get("tus", 0), "lines": lines,
            "findings": n, "per_kloc": ratio(1000.0 * n, lines),
            "tp": c["tp"], "fp": c["fp"], "debatable": c["debatable"],
            "untriaged": c["untriaged"],
            "errors": len(report.get("errors", [])),
            "concur_s": cs.get("seconds"), "floor_s": fl.get("seconds"),
            "time_ratio": ratio(cs.get("seconds") or 0, fl.get("seconds") or 0),
            "concur_mib": cs.get("peak_rss_mib"), "floor_mib": fl.get("peak_rss_mib"),
            "rss_ratio": ratio(cs.get("peak_rss_mib") or 0, fl.get("peak_rss_mib") or 0),
            "worst_tu": (stats.get("worst_tu") or {}).get("ratio"),
            "worst_tu_file": (stats.get("worst_tu") or {}).get("file"),
            "by_check": by_check,
        }
        rows.append(row)
        for k in ("tus", "lines", "findings", "tp", "fp", "debatable", "untriaged", "errors"):
            tot[k] += row[k]
        tot_f["concur_s"] += row["concur_s"] or 0
        tot_f["floor_s"] += row["floor_s"] or 0
        tot_f["concur_mib"] = max(tot_f["concur_mib"], row["concur_mib"] or 0)
        tot_f["floor_mib"] = max(tot_f["floor_mib"], row["floor_mib"] or 0)
    overall = dict(tot, project="overall",
                   per_kloc=ratio(1000.0 * tot["findings"], tot["lines"]),
                   concur_s=round(tot_f["concur_s"], 2), floor_s=round(tot_f["floor_s"], 2),
                   time_ratio=ratio(tot_f["concur_s"], tot_f["floor_s"]),
                   concur_mib=tot_f["concur_mib"], floor_mib=tot_f["floor_mib"],
                   rss_ratio=ratio(tot_f["concur_mib"], tot_f["floor_mib"]),
                   worst_tu=max((r["worst_tu"] for r in rows if r["worst_tu"] is not None),
                                default=None),
                   by_check=collections.Counter())
    checks = []
    for check in sorted(per_check):
        pc = per_check[check]
        checks.append({"check": check, "findings": pc["findings"], "tp": pc["tp"],
                       "fp": pc["fp"], "debatable": pc["debatable"],
                       "untriaged": pc["untriaged"],
                       "precision": ratio(pc["tp"], pc["tp"] + pc["fp"])})
    stale = sorted(k for k in ledger if k not in seen_keys)
    return rows, overall, checks, stale


PCOLS = [("project", "project"), ("tus", "TUs"), ("lines", "lines"),
         ("findings", "findings"), ("per_kloc", "per 1k lines"), ("tp", "tp"),
         ("fp", "fp"), ("debatable", "debatable"), ("untriaged", "untriaged"),
         ("errors", "errors"), ("concur_s", "concur s"), ("floor_s", "floor s"),
         ("time_ratio", "time ratio"), ("concur_mib", "concur MiB"),
         ("floor_mib", "floor MiB"), ("rss_ratio", "RSS ratio"),
         ("worst_tu", "worst TU ratio")]
CCOLS = [("check", "check"), ("findings", "findings"), ("tp", "tp"), ("fp", "fp"),
         ("debatable", "debatable"), ("untriaged", "untriaged"),
         ("precision", "precision")]


def cell(row, k):
    v = row.get(k)
    if k in ("concur_mib", "floor_mib", "concur_s", "floor_s"):
        return fmt(float(v), 1) if v is not None else "-"
    return fmt(v)


def table_text(cols, rows):
    cells = [[h for _, h in cols]] + [[cell(r, k) for k, _ in cols] for r in rows]
    w = [max(len(c[i]) for c in cells) for i in range(len(cols))]
    out = []
    for c in cells:
        out.append("  ".join(c[i].ljust(w[i]) if i == 0 else c[i].rjust(w[i])
                             for i in range(len(cols))).rstrip())
    return "\n".join(out)


def table_md(cols, rows, bold_last=False):
    out = ["| " + " | ".join(h for _, h in cols) + " |",
           "|" + "|".join("---" if i == 0 else "---:" for i in range(len(cols))) + "|"]
    for n, r in enumerate(rows):
        cs = [cell(r, k) for k, _ in cols]
        if bold_last and n == len(rows) - 1:
            cs = [f"**{c}**" for c in cs]
        out.append("| " + " | ".join(cs) + " |")
    return "\n".join(out)


def print_markdown(rows, overall, checks):
    print(table_md(PCOLS, rows + [overall], bold_last=True))
    print()
    if any(r["worst_tu_file"] for r in rows):
        print("Worst TU per project (its concur time over its own parse floor):")
        print()
        for r in rows:
            if r["worst_tu_file"]:
                print(f"- {r['project']}: `{r['worst_tu_file']}` {fmt(r['worst_tu'])}x")
        print()
    print("Findings by check and project:")
    print()
    for r in rows:
        if r["by_check"]:
            print(f"- {r['project']}: " + ", ".join(
                f"{c} {n}" for c, n in sorted(r["by_check"].items())))
    print()
    print("Per check (precision = tp / (tp + fp), debatable excluded):")
    print()
    print(table_md(CCOLS, checks))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--triage", default=os.path.join(HERE, "triage.jsonl"))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--untriaged", action="store_true")
    ap.add_argument("--update-readme", metavar="FILE",
                    help="replace the tables between the results markers of FILE")
    a = ap.parse_args()
    if not os.path.isdir(a.results):
        sys.exit(f"score.py: no results directory '{a.results}'")
    ledger = load_triage(a.triage)
    projects = load_results(a.results)

    if a.untriaged:
        n = 0
        for p, _, report in projects:
            for f in report.get("findings", []):
                if (p, f.get("check"), f.get("fingerprint")) in ledger:
                    continue
                loc = f.get("location", {})
                print(f"{p}\t{f.get('check')}\t{loc.get('file')}:{loc.get('line')}\t"
                      f"{f.get('message')}\t{f.get('fingerprint')}")
                n += 1
        sys.stdout.flush()
        print(f"{n} untriaged finding{'s' if n != 1 else ''}", file=sys.stderr)
        return 0

    rows, overall, checks, stale = score(projects, ledger)
    if a.update_readme:
        import contextlib
        import io
        import datetime
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            print_markdown(rows, overall, checks)
        with open(a.update_readme) as fh:
            text = fh.read()
        begin, end = "<!-- results:begin -->", "<!-- results:end -->"
        if begin not in text or end not in text:
            sys.exit(f"score.py: no results markers in {a.update_readme}")
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        stamp = (f"Tables generated {datetime.date.today().isoformat()} by "
                 "`bench/wild/score.py --update-readme bench/wild/README.md`.")
        with open(a.update_readme, "w") as fh:
            fh.write(head + begin + "\n" + stamp + "\n\n" + buf.getvalue() + end + tail)
        return 0
    if a.markdown:
        print_markdown(rows, overall, checks)
    else:
        print("Per project (time and RSS: concur against the parse floor):")
        print(table_text(PCOLS, rows + [overall]))
        print()
        print("Findings by check and project:")
        for r in rows:
            for c, n in sorted(r["by_check"].items()):
                print(f"  {r['project']}  {c}  {n}")
        print()
        print("Per check (precision = tp / (tp + fp); debatable excluded):")
        print(table_text(CCOLS, checks))
    if stale:
        sys.stdout.flush()
        print(f"\nnote: {len(stale)} triage record(s) match no current finding "
              "(fixed, or the flagged line changed):", file=sys.stderr)
        for p, c, fp in stale:
            print(f"  {p} {c} {fp}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
