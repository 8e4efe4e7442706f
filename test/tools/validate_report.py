#!/usr/bin/python3
"""Validate a concur JSON report, a runtime JSON-lines report, or a SARIF log
against a JSON Schema.

    validate_report.py --schema SCHEMA FILE [--jsonl]

Prints `OK: FILE`, or one line per problem (`FILE[:LINE]: PATH: message`) and
exits 1. The schema's own draft is honoured (the concur report schema is
2020-12, the OASIS SARIF schema draft-04). With --jsonl every non-empty line
of FILE is validated as the schema's `$defs/finding`.

Needs Debian's python3-jsonschema: run it with /usr/bin/python3.
"""
import argparse
import json
import sys

try:
    import jsonschema
    from jsonschema.validators import validator_for
except ImportError:  # pragma: no cover - depends on the machine
    sys.exit("validate_report.py: needs jsonschema; run with /usr/bin/python3 "
             "(Debian package python3-jsonschema)")


def json_path(parts):
    """`findings[0].location.line`, the spelling concur's reader uses."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(root)"


def make_validator(schema, definition=None):
    if definition is not None:
        defs_key = "$defs" if "$defs" in schema else "definitions"
        if definition not in schema.get(defs_key, {}):
            raise SystemExit(f"validate_report.py: schema has no {defs_key}/{definition}")
        # A root that is just a reference into the same definitions, so the
        # definition's own references still resolve.
        schema = {key: schema[key] for key in ("$schema", defs_key) if key in schema}
        schema["$ref"] = f"#/{defs_key}/{definition}"
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def problems(validator, instance):
    errors = sorted(validator.iter_errors(instance),
                    key=lambda e: (list(map(str, e.absolute_path)), e.message))
    return [f"{json_path(e.absolute_path)}: {e.message}" for e in errors]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", required=True, help="JSON Schema file")
    parser.add_argument("--jsonl", action="store_true",
                        help="FILE holds one finding per line ($defs/finding)")
    parser.add_argument("file", metavar="FILE")
    args = parser.parse_args(argv)

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    validator = make_validator(schema, "finding" if args.jsonl else None)

    failures = []
    try:
        with open(args.file, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        print(f"{args.file}: cannot read: {e}")
        return 1

    if args.jsonl:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if not lines:
            failures.append(f"{args.file}: no findings")
        for number, line in lines:
            where = f"{args.file}:{number}"
            try:
                instance = json.loads(line)
            except json.JSONDecodeError as e:
                failures.append(f"{where}: invalid JSON: {e}")
                continue
            failures += [f"{where}: {p}" for p in problems(validator, instance)]
    else:
        try:
            instance = json.loads(text)
        except json.JSONDecodeError as e:
            failures.append(f"{args.file}: invalid JSON: {e}")
        else:
            failures += [f"{args.file}: {p}" for p in problems(validator, instance)]

    for failure in failures:
        print(failure)
    if failures:
        return 1
    print(f"OK: {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
