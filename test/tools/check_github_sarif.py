#!/usr/bin/python3
"""Check a SARIF log against GitHub code scanning's documented upload rules.

    check_github_sarif.py [--require-relative] FILE

The JSON schema says what SARIF allows; GitHub's page "SARIF support for code
scanning" says more: which properties must be present and non-empty, which
values it accepts, and how many of each it takes. This script checks those
rules (written from that page, not from any GitHub code) and prints
`OK: FILE`, or one line per problem (`FILE: PATH: message`) and exits 1.

With --require-relative every location under a result must use a relative
URI (code scanning resolves them against the repository root).
"""
import argparse
import json
import re
import sys

# Upload limits from the page's table: a file beyond them is rejected.
MAX_RUNS = 20
MAX_RESULTS_PER_RUN = 25000
MAX_RULES_PER_RUN = 25000
MAX_EXTENSIONS_PER_RUN = 100
MAX_THREAD_FLOW_LOCATIONS = 10000
MAX_LOCATIONS_PER_RESULT = 1000
MAX_TAGS_PER_RULE = 20
MAX_DESCRIPTION = 1024
MAX_RULE_NAME = 255

LEVELS = {"note", "warning", "error"}
RESULT_LEVELS = LEVELS | {"none"}
PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")


class Checker:
    def __init__(self, require_relative):
        self.problems = []
        self.require_relative = require_relative

    def problem(self, path, message):
        self.problems.append(f"{path}: {message}")

    def text(self, obj, key, path, limit=None):
        """A required, non-empty string (GitHub rejects "" for required ones)."""
        value = obj.get(key) if isinstance(obj, dict) else None
        if not isinstance(value, str) or not value:
            self.problem(f"{path}.{key}", "required non-empty string is missing")
        elif limit is not None and len(value) > limit:
            self.problem(f"{path}.{key}", f"{len(value)} characters, more than {limit}")
        return value

    def array(self, obj, key, path, limit, what):
        """A required array of at most \p limit entries."""
        items = obj.get(key)
        if not isinstance(items, list):
            self.problem(f"{path}.{key}", "required array is missing")
            return []
        if len(items) > limit:
            self.problem(f"{path}.{key}", f"{len(items)} {what}, more than {limit}")
        return items

    def log(self, log):
        self.text(log, "$schema", "(root)")
        if log.get("version") != "2.1.0":
            self.problem("version", "code scanning takes only SARIF 2.1.0")
        runs = log.get("runs")
        if not isinstance(runs, list) or not runs:
            self.problem("runs", "at least one run is required")
            return
        if len(runs) > MAX_RUNS:
            self.problem("runs", f"{len(runs)} runs, more than {MAX_RUNS}")
        categories = set()
        for i, run in enumerate(runs):
            category = self.run(run, f"runs[{i}]")
            if len(runs) > 1:
                # Several runs of one tool need distinct categories.
                key = (run.get("tool", {}).get("driver", {}).get("name"), category)
                if key in categories:
                    self.problem(f"runs[{i}].automationDetails.id",
                                 "two runs of one tool share a category")
                categories.add(key)

    def run(self, run, path):
        driver = run.get("tool", {}).get("driver")
        if not isinstance(driver, dict):
            self.problem(f"{path}.tool.driver", "required")
            return None
        self.text(driver, "name", f"{path}.tool.driver")
        version = driver.get("semanticVersion")
        if version is not None and not (isinstance(version, str) and SEMVER.match(version)):
            self.problem(f"{path}.tool.driver.semanticVersion",
                         f"{version!r} is not a Semantic Versioning 2.0 version")
        extensions = run.get("tool", {}).get("extensions", [])
        if len(extensions) > MAX_EXTENSIONS_PER_RUN:
            self.problem(f"{path}.tool.extensions", f"more than {MAX_EXTENSIONS_PER_RUN}")
        rules = self.array(driver, "rules", f"{path}.tool.driver", MAX_RULES_PER_RUN, "rules")
        ids = []
        for i, rule in enumerate(rules):
            ids.append(self.rule(rule, f"{path}.tool.driver.rules[{i}]"))
        if len(set(ids)) != len(ids):
            self.problem(f"{path}.tool.driver.rules", "rule ids are not unique")
        base_ids = run.get("originalUriBaseIds", {})
        results = self.array(run, "results", path, MAX_RESULTS_PER_RUN, "results")
        for i, result in enumerate(results):
            self.result(result, f"{path}.results[{i}]", ids, base_ids)
        details = run.get("automationDetails")
        if details is None:
            return None
        return self.text(details, "id", f"{path}.automationDetails")

    def rule(self, rule, path):
        rule_id = self.text(rule, "id", path)
        if "name" in rule:
            self.text(rule, "name", path, MAX_RULE_NAME)
        short = self.text(rule.get("shortDescription", {}), "text",
                          f"{path}.shortDescription", MAX_DESCRIPTION)
        full = self.text(rule.get("fullDescription", {}), "text",
                         f"{path}.fullDescription", MAX_DESCRIPTION)
        if short and "\n" in short:
            self.problem(f"{path}.shortDescription.text", "not one line")
        if short and full and short == full:
            self.problem(f"{path}.fullDescription.text", "repeats shortDescription")
        self.text(rule.get("help", {}), "text", f"{path}.help")
        level = rule.get("defaultConfiguration", {}).get("level", "warning")
        if level not in LEVELS:
            self.problem(f"{path}.defaultConfiguration.level", f"{level!r} not in {sorted(LEVELS)}")
        uri = rule.get("helpUri")
        if uri is not None and not re.match(r"^https?://", str(uri)):
            self.problem(f"{path}.helpUri", f"{uri!r} is not a web address")
        props = rule.get("properties", {})
        tags = props.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
            self.problem(f"{path}.properties.tags", "must be an array of non-empty strings")
        elif len(tags) > MAX_TAGS_PER_RULE:
            self.problem(f"{path}.properties.tags", f"more than {MAX_TAGS_PER_RULE} tags")
        if "precision" in props and props["precision"] not in PRECISIONS:
            self.problem(f"{path}.properties.precision", f"{props['precision']!r} not in {sorted(PRECISIONS)}")
        severity = props.get("problem.severity")
        if severity is not None and severity not in PROBLEM_SEVERITIES:
            self.problem(f"{path}.properties.problem.severity",
                         f"{severity!r} not in {sorted(PROBLEM_SEVERITIES)}")
        if "security-severity" in props:
            try:
                score = float(props["security-severity"])
                if not 0.0 <= score <= 10.0:
                    raise ValueError
            except (TypeError, ValueError):
                self.problem(f"{path}.properties.security-severity", "not a score from 0.0 to 10.0")
        return rule_id

    def result(self, result, path, rule_ids, base_ids):
        rule_id = self.text(result, "ruleId", path)
        if rule_id and rule_id not in rule_ids:
            self.problem(f"{path}.ruleId", f"{rule_id!r} is not a rule of the run")
        index = result.get("ruleIndex")
        if index is not None:
            if not isinstance(index, int) or not 0 <= index < len(rule_ids):
                self.problem(f"{path}.ruleIndex", "out of range")
            elif rule_ids[index] != rule_id:
                self.problem(f"{path}.ruleIndex", "names another rule than ruleId")
        if result.get("level", "warning") not in RESULT_LEVELS:
            self.problem(f"{path}.level", f"{result.get('level')!r} is not a SARIF level")
        self.text(result.get("message", {}), "text", f"{path}.message")
        locations = result.get("locations")
        if not isinstance(locations, list) or not locations:
            self.problem(f"{path}.locations", "at least one location is required to show the result")
            locations = []
        if len(locations) > MAX_LOCATIONS_PER_RESULT:
            self.problem(f"{path}.locations", f"more than {MAX_LOCATIONS_PER_RESULT}")
        for i, location in enumerate(locations):
            self.location(location, f"{path}.locations[{i}]", base_ids, primary=True)
        fingerprints = result.get("partialFingerprints")
        if not isinstance(fingerprints, dict) or not fingerprints.get("primaryLocationLineHash"):
            self.problem(f"{path}.partialFingerprints.primaryLocationLineHash",
                         "missing: the only fingerprint code scanning uses")
        for i, location in enumerate(result.get("relatedLocations", [])):
            self.location(location, f"{path}.relatedLocations[{i}]", base_ids)
        for c, flow in enumerate(result.get("codeFlows", [])):
            for t, thread in enumerate(flow.get("threadFlows", [])):
                steps = thread.get("locations", [])
                tpath = f"{path}.codeFlows[{c}].threadFlows[{t}].locations"
                if len(steps) > MAX_THREAD_FLOW_LOCATIONS:
                    self.problem(tpath, f"more than {MAX_THREAD_FLOW_LOCATIONS}")
                for s, step in enumerate(steps):
                    if "location" in step:
                        self.location(step["location"], f"{tpath}[{s}].location", base_ids)
        state = result.get("baselineState")
        if state is not None and state not in {"new", "unchanged", "updated", "absent"}:
            self.problem(f"{path}.baselineState", f"{state!r} is not a SARIF baseline state")

    def location(self, location, path, base_ids, primary=False):
        physical = location.get("physicalLocation")
        if physical is None:
            # A note with no place in a file (runtime findings): allowed
            # beside a result, not as the result's own location.
            if primary:
                self.problem(f"{path}.physicalLocation", "required")
            return
        artifact = physical.get("artifactLocation", {})
        uri = self.text(artifact, "uri", f"{path}.physicalLocation.artifactLocation")
        if not uri:
            return
        base = artifact.get("uriBaseId")
        absolute = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri) is not None
        if absolute and not uri.startswith("file:///"):
            self.problem(f"{path}.physicalLocation.artifactLocation.uri",
                         f"{uri!r}: absolute URIs must use the file scheme")
        if absolute and base is not None:
            self.problem(f"{path}.physicalLocation.artifactLocation.uriBaseId",
                         "given with an absolute uri")
        if base is not None and base not in base_ids:
            self.problem(f"{path}.physicalLocation.artifactLocation.uriBaseId",
                         f"{base!r} is not defined in originalUriBaseIds")
        if self.require_relative and absolute:
            self.problem(f"{path}.physicalLocation.artifactLocation.uri",
                         f"{uri!r} is not relative to the repository root")
        if uri.startswith("/") or "\\" in uri:
            self.problem(f"{path}.physicalLocation.artifactLocation.uri",
                         f"{uri!r} is a file path, not a URI")
        region = physical.get("region")
        if region is None:
            if primary:
                self.problem(f"{path}.physicalLocation.region", "required (startLine)")
            return
        start = region.get("startLine")
        if not isinstance(start, int) or start < 1:
            self.problem(f"{path}.physicalLocation.region.startLine", "required, 1 or more")
            return
        end = region.get("endLine", start)
        if not isinstance(end, int) or end < start:
            self.problem(f"{path}.physicalLocation.region.endLine", "before startLine")
        if "startColumn" in region and "endColumn" in region and end == start \
                and region["endColumn"] <= region["startColumn"]:
            self.problem(f"{path}.physicalLocation.region.endColumn", "not after startColumn")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require-relative", action="store_true")
    parser.add_argument("file")
    args = parser.parse_args()
    try:
        with open(args.file, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{args.file}: cannot read SARIF: {e}")
        return 1
    checker = Checker(args.require_relative)
    checker.log(log)
    for problem in checker.problems:
        print(f"{args.file}: {problem}")
    if checker.problems:
        return 1
    print(f"OK: {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
