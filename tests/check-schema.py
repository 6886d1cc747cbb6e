#!/usr/bin/env python3
# check-schema.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check .stakemap files against the JSON Schema of the format.

Usage: check-schema.py [--schema-only] SCHEMA FILE...

Each FILE is read as the Stakemap loader reads it (UTF-8, no NUL bytes, at
most 256 MiB, finite numbers, no repeated member names, no \u0000 in strings,
at most 64 levels of nesting, a format version written without a decimal
point: 1, not 1.0, which JSON Schema cannot tell apart), validated with
jsonschema's Draft202012Validator (format checking off), and then checked
for what a schema cannot express: ids unique across the file, goal ids
unique among the goals, response ids unique among the responses, each
evaluation snapshot recorded once, every reference naming a record of the
right kind, relationships between two different stakeholders, and dates that exist in the calendar (docs/format.md, "Validation"). --schema-only skips that last step.

Prints one line per problem, "FILE: $.path: message", and exits 1 if any
file has a problem, 2 on bad usage, 0 otherwise.
"""

import datetime
import json
import math
import re
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("check-schema.py: needs python3-jsonschema\n")
    sys.exit(2)

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64
COLLECTIONS = ("stakeholders", "relationships", "spaces", "decisions",
               "affected_groups", "annotations", "regions")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def json_path(parts):
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += "[%d]" % p
        elif IDENT.match(p):
            out += "." + p
        else:
            out += "[%s]" % json.dumps(p, ensure_ascii=False)
    return out


class Problem(Exception):
    pass


def refuse_constant(name):
    raise Problem("%s is not allowed: numbers must be finite" % name)


def refuse_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise Problem("the member %s appears twice in one object" % json.dumps(key, ensure_ascii=False))
        if "\0" in key:
            raise Problem("a member name contains a NUL character (\\u0000)")
        obj[key] = value
    return obj


def line_col(text, pos):
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col


def check_tree(value, path, depth, problems):
    """Depth (arrays and objects nested; the top level is 1) and finiteness,
    which neither json nor the schema check."""
    if depth > MAX_DEPTH and isinstance(value, (dict, list)):
        shown = json_path(path[:8]) + ("…" if len(path) > 8 else "")
        problems.append("%s: nested more than %d levels deep" % (shown, MAX_DEPTH))
        return False
    if isinstance(value, float) and not math.isfinite(value):
        problems.append("%s: number out of range" % json_path(path))
    elif isinstance(value, str) and "\0" in value:
        problems.append("%s: a string contains a NUL character (\\u0000)" % json_path(path))
    elif isinstance(value, dict):
        for k, v in value.items():
            if not check_tree(v, path + [k], depth + 1, problems):
                return False
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if not check_tree(v, path + [i], depth + 1, problems):
                return False
    return True


def load(filename, problems):
    try:
        with open(filename, "rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as e:
        problems.append(e.strerror or str(e))
        return None
    if len(data) > MAX_BYTES:
        problems.append("file is larger than 256 MiB")
        return None
    if b"\0" in data:
        problems.append("file contains a NUL byte: not a text file")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("byte %d: not valid UTF-8" % e.start)
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte order mark is allowed and ignored
    try:
        doc = json.loads(text, parse_constant=refuse_constant,
                         object_pairs_hook=refuse_duplicates)
    except json.JSONDecodeError as e:
        problems.append("line %d, column %d: %s" % (e.lineno, e.colno, e.msg))
        return None
    except Problem as e:
        problems.append(str(e))
        return None
    except RecursionError:
        problems.append("nested more than %d levels deep" % MAX_DEPTH)
        return None
    before = len(problems)
    if not check_tree(doc, [], 1, problems) or len(problems) > before:
        return None
    return doc


def describe(value):
    return json.dumps(value, ensure_ascii=False)[:80]


def schema_message(error):
    """jsonschema's message, made plainer for the shared pieces in $defs."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    desc = schema.get("description", "")
    branches = schema.get("anyOf", [])
    if (error.validator == "anyOf" and len(branches) == 2 and "enum" in branches[0]
            and branches[1].get("$ref", "").endswith("/futureEnumValue")):
        known = ", ".join(json.dumps(v) for v in branches[0]["enum"])
        return "expected a lower-case snake_case word such as %s (found %s)" % (known, describe(error.instance))
    if error.validator == "pattern" and schema.get("pattern", "").startswith("^[a-z]"):
        return "expected a lower-case snake_case word (found %s)" % describe(error.instance)
    if error.validator in ("oneOf", "anyOf", "pattern") and desc:
        return "expected %s (found %s)" % (desc[0].lower() + desc[1:].rstrip("."), describe(error.instance))
    return error.message


def check_references(doc, problems):
    """What the loader checks once the shapes are right: ids, references, dates."""
    where = {}
    kinds = {}
    for coll in COLLECTIONS:
        items = doc.get(coll, [])
        if not isinstance(items, list):
            continue
        for i, rec in enumerate(items):
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                continue
            rid = rec["id"]
            if rid in where:
                problems.append("%s: the id %s is already used by %s; ids must be unique" % (
                    json_path([coll, i, "id"]), json.dumps(rid, ensure_ascii=False), where[rid]))
            else:
                where[rid] = json_path([coll, i])
                kinds[rid] = coll

    m = doc.get("map", {})
    goals = m.get("goals", []) if isinstance(m, dict) else []
    seen_goals = {}
    for i, g in enumerate(goals if isinstance(goals, list) else []):
        if isinstance(g, dict) and isinstance(g.get("id"), str):
            if g["id"] in seen_goals:
                problems.append("%s: the goal id %s is already used by %s" % (
                    json_path(["map", "goals", i, "id"]), json.dumps(g["id"]), seen_goals[g["id"]]))
            else:
                seen_goals[g["id"]] = json_path(["map", "goals", i])

    wanted = {
        "stakeholders": "stakeholder",
        "spaces": "space",
        "affected_groups": "affected group",
        "node_or_edge": "stakeholder or relationship",
    }

    def want(value, path, kind):
        if not isinstance(value, str):
            return
        ok = kinds.get(value) in (("stakeholders", "relationships") if kind == "node_or_edge" else (kind,))
        if not ok:
            problems.append("%s: no %s has the id %s" % (
                json_path(path), wanted[kind], json.dumps(value, ensure_ascii=False)))

    def want_list(values, path, kind):
        if isinstance(values, list):
            for i, v in enumerate(values):
                want(v, path + [i], kind)

    def records(coll):
        items = doc.get(coll, [])
        for i, rec in enumerate(items if isinstance(items, list) else []):
            if isinstance(rec, dict):
                yield i, rec

    if isinstance(m, dict):
        p = m.get("perspective")
        if isinstance(p, dict):
            want_list(p.get("drawn_by"), ["map", "perspective", "drawn_by"], "stakeholders")
            want_list(p.get("validated_by"), ["map", "perspective", "validated_by"], "stakeholders")
        off = m.get("off_the_table")
        for i, item in enumerate(off if isinstance(off, list) else []):
            if isinstance(item, dict) and "decided_by" in item:
                want(item["decided_by"], ["map", "off_the_table", i, "decided_by"], "stakeholders")
    for i, s in records("stakeholders"):
        want_list(s.get("represents"), ["stakeholders", i, "represents"], "affected_groups")
    for i, r in records("relationships"):
        for key in ("source", "target", "recorded_by"):
            if key in r:
                want(r[key], ["relationships", i, key], "stakeholders")
        if "space_id" in r:
            want(r["space_id"], ["relationships", i, "space_id"], "spaces")
        if isinstance(r.get("source"), str) and r.get("source") == r.get("target"):
            problems.append("%s: a relationship cannot link %s to itself" % (
                json_path(["relationships", i, "target"]), json.dumps(r["target"], ensure_ascii=False)))
    for i, sp in records("spaces"):
        if "convened_by" in sp:
            want(sp["convened_by"], ["spaces", i, "convened_by"], "stakeholders")
        members = sp.get("members")
        for j, mem in enumerate(members if isinstance(members, list) else []):
            if isinstance(mem, dict) and "stakeholder" in mem:
                want(mem["stakeholder"], ["spaces", i, "members", j, "stakeholder"], "stakeholders")
    for i, d in records("decisions"):
        if "space_id" in d:
            want(d["space_id"], ["decisions", i, "space_id"], "spaces")
        want_list(d.get("decided_by"), ["decisions", i, "decided_by"], "stakeholders")
        want_list(d.get("input_from"), ["decisions", i, "input_from"], "stakeholders")
    for i, a in records("annotations"):
        want_list(a.get("refers_to"), ["annotations", i, "refers_to"], "node_or_edge")

    # Dates the schema lets through by form but the calendar does not have.
    def real_date(value, path):
        if isinstance(value, str) and DATE.match(value):
            try:
                datetime.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                problems.append("%s: %s is not a date in the calendar" % (json_path(path), json.dumps(value)))

    if isinstance(m, dict):
        for obj_name, key in (("snapshot", "date"), ("perspective", "validated_on")):
            o = m.get(obj_name)
            if isinstance(o, dict):
                real_date(o.get(key), ["map", obj_name, key])
    for i, d in records("decisions"):
        for key in ("date", "reported_on"):
            real_date(d.get(key), ["decisions", i, key])
    for i, r in records("relationships"):
        real_date(r.get("since"), ["relationships", i, "since"])

    # The evaluation member: response ids are unique among the responses,
    # and each snapshot (date and version) is recorded once.
    ev = doc.get("evaluation")
    if isinstance(ev, dict):
        seen_responses = {}
        responses = ev.get("responses")
        for i, r in enumerate(responses if isinstance(responses, list) else []):
            if isinstance(r, dict) and isinstance(r.get("id"), str):
                if r["id"] in seen_responses:
                    problems.append("%s: the response id %s is already used by another response" % (
                        json_path(["evaluation", "responses", i, "id"]), json.dumps(r["id"], ensure_ascii=False)))
                else:
                    seen_responses[r["id"]] = i
        seen_snapshots = {}
        snapshots = ev.get("snapshots")
        for i, sn in enumerate(snapshots if isinstance(snapshots, list) else []):
            if not isinstance(sn, dict):
                continue
            real_date(sn.get("date"), ["evaluation", "snapshots", i, "date"])
            key = (sn.get("date"), sn.get("version", 0))
            if key in seen_snapshots:
                problems.append("%s: this snapshot (%s, version %s) is already recorded at %s" % (
                    json_path(["evaluation", "snapshots", i]), key[0], key[1], seen_snapshots[key]))
            else:
                seen_snapshots[key] = json_path(["evaluation", "snapshots", i])


def main(argv):
    args = argv[1:]
    schema_only = False
    if args and args[0] == "--schema-only":
        schema_only = True
        args = args[1:]
    if args and args[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(args) < 2:
        sys.stderr.write("usage: check-schema.py [--schema-only] SCHEMA FILE...\n")
        return 2
    try:
        with open(args[0], encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as e:
        sys.stderr.write("check-schema.py: %s: %s\n" % (args[0], e))
        return 2
    validator = jsonschema.Draft202012Validator(schema)  # no format_checker: format checking off

    status = 0
    for filename in args[1:]:
        problems = []
        doc = load(filename, problems)
        if isinstance(doc, dict) and isinstance(doc.get("version"), float) and doc["version"].is_integer():
            problems.append("$.version: expected a whole number from 1, the format version, written "
                            "without a decimal point (%d, not %r)" % (doc["version"], doc["version"]))
        if doc is not None:
            errors = sorted(validator.iter_errors(doc),
                            key=lambda e: [str(p) for p in e.absolute_path])
            for e in errors:
                problems.append("%s: %s" % (json_path(list(e.absolute_path)), schema_message(e)))
            if not schema_only:
                check_references(doc, problems)
        for p in problems:
            print("%s: %s" % (filename, p))
        if problems:
            status = 1
        else:
            print("%s: valid" % filename)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
