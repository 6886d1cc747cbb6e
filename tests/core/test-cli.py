#!/usr/bin/env python3
# test-cli.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""stakemap-cli as a script uses it: exit statuses, messages that say where,
metrics that match networkx, conversions that lose nothing. TAP output."""

import base64
import datetime
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
# The tests folder (its data/ holds the fixtures) and the project's top.
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOP = os.path.dirname(HERE)

results = []


class Skip(Exception):
    """Raised by a test that cannot run here; reported as a TAP skip."""


def test(fn):
    results.append(fn)
    return fn


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def write(directory, name, text):
    path = os.path.join(directory, name)
    mode = "wb" if isinstance(text, bytes) else "w"
    with open(path, mode) as f:
        f.write(text)
    return path


def minimal(**extra):
    doc = {"format": "stakemap", "version": 1,
           "stakeholders": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bob"}]}
    doc.update(extra)
    return json.dumps(doc)


def read_edges(name):
    names, edges = {}, []
    with open(os.path.join(HERE, "data", "graphs", name + ".edges")) as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0].startswith("#") or parts[0] == "nodes":
                continue
            if parts[0] == "node":
                names[int(parts[1])] = " ".join(parts[2:])
            else:
                edges.append((int(parts[0]), int(parts[1])))
    return names, edges


def map_from_edges(directory, name):
    names, edges = read_edges(name)
    doc = {"format": "stakemap", "version": 1,
           "stakeholders": [{"id": "n%d" % i, "name": names[i], "x": i * 10, "y": 0}
                            for i in sorted(names)],
           "relationships": [{"id": "e%d" % k, "source": "n%d" % a, "target": "n%d" % b}
                             for k, (a, b) in enumerate(edges)]}
    return write(directory, name + ".stakemap", json.dumps(doc)), names, edges


@test
def usage_errors_exit_2():
    assert run()[0] == 2
    assert run("frobnicate")[0] == 2
    assert run("check")[0] == 2
    assert run("metrics")[0] == 2
    assert run("metrics", "--format=xml", "x.stakemap")[0] == 2
    assert run("convert", "in.stakemap")[0] == 2
    assert run("convert", "in.stakemap", "-o", "out.pdf")[0] == 2
    assert run("check", "--no-such-option", "x")[0] == 2


@test
def help_and_version():
    code, out, _ = run("--help")
    assert code == 0 and "check" in out and "convert" in out and "metrics" in out
    for command in ("check", "convert", "metrics"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Usage:" in out, command
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("stakemap-cli ")


@test
def check_valid_files():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "ok.stakemap", minimal())
        code, out, err = run("check", path)
        assert code == 0, err
        assert out == "%s: valid\n" % path
        assert run("check", "-q", path)[1] == ""


@test
def check_runs_alone_and_hands_the_rest_on():
    # stakemap-cli checks files itself, loading neither the evaluation nor
    # the drawing (so a check starts as fast as json-glib-validate), and
    # runs stakemap-cli-commands, found beside it, for everything else.
    ldd = subprocess.run(["ldd", CLI], capture_output=True, text=True).stdout
    for heavy in ("libigraph", "libcairo", "libpango", "libarchive", "libxlsxwriter"):
        assert heavy not in ldd, (heavy, ldd)
    assert run("evaluate", "--help")[0] == 0
    with tempfile.TemporaryDirectory() as d:
        alone = shutil.copy(CLI, os.path.join(d, "stakemap-cli"))
        path = write(d, "ok.stakemap", minimal())
        p = subprocess.run([alone, "check", path], capture_output=True, text=True, timeout=60)
        assert p.returncode == 0 and p.stdout == "%s: valid\n" % path, p
        # Without stakemap-cli-commands, the rest says what is missing
        # (unless Stakemap is installed here too: it runs that one).
        p = subprocess.run([alone, "evaluate", path], capture_output=True, text=True, timeout=60)
        if p.returncode == 0:
            raise Skip("an installed stakemap-cli-commands ran")
        assert p.returncode == 127 and "stakemap-cli-commands" in p.stderr, p


@test
def check_reports_every_problem_with_where():
    with tempfile.TemporaryDirectory() as d:
        doc = minimal()
        doc = json.loads(doc)
        doc["stakeholders"][0]["influence"] = 11
        doc["stakeholders"][1]["kind"] = "Big Boss"
        doc["relationships"] = [{"id": "r", "source": "a", "target": "zed"}]
        path = write(d, "bad.stakemap", json.dumps(doc))
        code, out, err = run("check", path)
        assert code == 1
        lines = err.splitlines()
        assert lines == [
            "stakemap-cli: %s: $.stakeholders[0].influence: expected a number from 0 to 10, or \"unknown\"" % path,
            "stakemap-cli: %s: $.stakeholders[1].kind: expected one of professional, manager, commissioner, "
            "funder, elected_member, researcher, provider_org, regulator, service_user, carer, citizen, "
            "community_org, peer_worker, advocate, other" % path,
            "stakemap-cli: %s: $.relationships[0].target: no stakeholder has the id \"zed\"" % path,
        ], lines


@test
def check_refuses_a_relationship_to_itself():
    # The canvas cannot draw it, so a file that holds one is invalid, and
    # neither check nor any command that reads the file takes it.
    doc = json.loads(minimal())
    doc["relationships"] = [{"id": "r1", "source": "a", "target": "b"},
                            {"id": "r2", "source": "b", "target": "b"}]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "loop.stakemap", json.dumps(doc))
        code, out, err = run("check", path)
        assert code == 1, (code, out, err)
        assert err == "stakemap-cli: %s: $.relationships[1].target: a relationship cannot link “Bob” to itself\n" % path, err
        code, out, err = run("evaluate", path)
        assert code == 1 and "cannot link “Bob” to itself" in err, (code, err)


@test
def check_says_how_many_problems_are_not_listed():
    doc = json.loads(minimal())
    doc["stakeholders"] = [{"id": "s%d" % i, "name": "S", "influence": 11} for i in range(150)]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "many.stakemap", json.dumps(doc))
        code, _, err = run("check", path)
        lines = err.splitlines()
        assert code == 1 and len(lines) == 101, lines[-3:]
        assert lines[99].startswith("stakemap-cli: %s: $.stakeholders[99].influence: " % path), lines[99]
        assert lines[100] == "stakemap-cli: %s: and 50 more problems, not listed (the first 100 are)" % path, lines[100]
        doc["stakeholders"] = doc["stakeholders"][:100]
        path = write(d, "hundred.stakemap", json.dumps(doc))
        assert len(run("check", path)[2].splitlines()) == 100


@test
def bad_inputs_exit_1_with_where():
    cases = {
        "wrong-type": (minimal(map=[]), "$.map: expected an object"),
        "out-of-range": (minimal().replace('"Ann"}', '"Ann", "interest": -1}'), "$.stakeholders[0].interest"),
        "nan": (minimal().replace('"Ann"}', '"Ann", "influence": NaN}'), "line 1, column"),
        "infinity": (minimal().replace('"Ann"}', '"Ann", "influence": Infinity}'), "line 1, column"),
        "overflow": (minimal().replace('"Ann"}', '"Ann", "influence": 1e400}'), "too large"),
        "duplicate-id": (minimal().replace('"id": "b"', '"id": "a"'), "$.stakeholders[1].id"),
        "dangling": (minimal(relationships=[{"id": "r", "source": "q", "target": "a"}]), "$.relationships[0].source"),
        "no-format": ('{"version": 1}', "$.format: missing"),
        "foreign-format": ('{"format": "geojson", "version": 1}', "$.format"),
        "bad-version": ('{"format": "stakemap", "version": "one"}', "$.version"),
        "invalid-utf8": (b'{"format": "stakemap", "version": 1, "map": {"title": "\xff"}}', "not valid UTF-8"),
        "nul": (b'{"format": "stakemap",\x00 "version": 1}', "NUL"),
        "deep": ("[" * 200000, "nesting is deeper"),
        "broken": ('{"format": "stakemap",\n  "version": 1,\n  "map": {"title" "x"}}', "line 3, column 19"),
        "empty": ("", "empty"),
    }
    with tempfile.TemporaryDirectory() as d:
        for name, (text, where) in cases.items():
            path = write(d, name + ".stakemap", text)
            for command in (["check"], ["metrics"], ["convert", "-o", os.path.join(d, "out.stakemap")]):
                code, out, err = run(*command, path)
                assert code == 1, (name, command, code, err)
                assert err.startswith("stakemap-cli: %s: " % path), (name, err)
                assert where in err, (name, where, err)
                assert "CRITICAL" not in err and "WARNING" not in err, err
        assert not os.path.exists(os.path.join(d, "out.stakemap"))
        code, _, err = run("check", os.path.join(d, "missing.stakemap"))
        assert code == 1 and "missing.stakemap" in err


def expanding_graphml(keys, nodes):
    """GraphML whose keys declare defaults that every node takes: keys × nodes
    values from a file of a few hundred KB (the issue's 357 KB, 20 million)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n']
    out += ['<key id="k%d" for="node" attr.name="a%d"><default>v</default></key>\n' % (k, k)
            for k in range(keys)]
    out.append('<graph edgedefault="undirected">\n')
    out += ['<node id="n%d"/>\n' % n for n in range(nodes)]
    out.append("</graph>\n</graphml>\n")
    return "".join(out)


@test
def import_budgets_refuse_expanding_files():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "hostile.graphml", expanding_graphml(2000, 9999))
        assert os.path.getsize(path) < 400 * 1024
        out = os.path.join(d, "out.stakemap")
        code, _, err = run("convert", path, "-o", out)
        assert code == 1, err
        assert err.startswith("stakemap-cli: %s: line 3004: " % path), err
        assert "more than 2000000 values" in err, err
        assert not os.path.exists(out)
        # Under the budgets, the same shape imports, and opens again.
        path = write(d, "fine.graphml", expanding_graphml(20, 100))
        code, _, err = run("convert", path, "-o", out)
        assert code == 0, err
        code, _, err = run("check", out)
        assert code == 0, err
        assert len(json.load(open(out))["stakeholders"]) == 100


CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@test
def terminal_output_has_no_control_characters():
    evil = "\x1b[2J\x1b]0;owned\x07Eve\x9b1m\r\x7f"
    doc = json.loads(minimal())
    doc["stakeholders"][0]["name"] = evil
    doc["map"] = {"title": "Title " + evil}
    doc["stakeholders"].append({"id": "c", "name": "Cy\nline"})
    doc["relationships"] = [{"id": "r1", "source": "a", "target": "b"},
                            {"id": "r2", "source": "a", "target": "c"}]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "evil.stakemap", json.dumps(doc))
        for args in (["metrics", path], ["evaluate", path], ["check", path]):
            code, out, err = run(*args)
            assert code in (0, 1), (args, err)
            assert not CONTROLS.search(out) and not CONTROLS.search(err), (args, out, err)
        code, out, _ = run("metrics", path)
        assert "\ufffd[2J\ufffd]0;owned\ufffdEve\ufffd1m\ufffd\ufffd" in out, out
        assert "Cy\ufffdline" in out, out
        code, out, _ = run("evaluate", path)
        assert "Title \ufffd[2J" in out, out
        # JSON escapes them: the names come back exactly.
        for args in (["metrics", "--format=json", path], ["evaluate", "--format=json", path]):
            code, out, err = run(*args)
            assert code == 0, err
            assert not CONTROLS.search(out), out
        names = [s["name"] for s in json.loads(run("metrics", "--format=json", path)[1])["stakeholders"]]
        assert evil in names, names
        # Messages about the file too.
        doc["relationships"][0]["target"] = "\x1b[31mzed"
        path = write(d, "dangling.stakemap", json.dumps(doc))
        code, out, err = run("check", path)
        assert code == 1 and "\ufffd[31mzed" in err and not CONTROLS.search(err), err


@test
def metrics_match_networkx():
    import networkx as nx
    for name in ("florentine", "karate", "forest"):
        with tempfile.TemporaryDirectory() as d:
            path, names, edges = map_from_edges(d, name)
            code, out, err = run("metrics", "--format=json", path)
            assert code == 0, err
            result = json.loads(out)
            g = nx.Graph()
            g.add_nodes_from(names)
            g.add_edges_from(edges)
            bc = nx.betweenness_centrality(g)
            rows = result["stakeholders"]
            assert [r["id"] for r in rows] == ["n%d" % i for i in sorted(names)]
            for r in rows:
                i = int(r["id"][1:])
                assert r["name"] == names[i]
                assert r["degree"] == g.degree[i], (name, r)
                assert abs(r["betweenness"] - bc[i]) < 1e-9, (name, r, bc[i])
            m = result["map"]
            assert m["components"] == nx.number_connected_components(g)
            assert m["articulation_points"] == ["n%d" % i for i in sorted(nx.articulation_points(g))]
            n = g.number_of_nodes()
            dmax = max(d for _, d in g.degree)
            freeman = sum(dmax - d for _, d in g.degree) / ((n - 1) * (n - 2))
            assert abs(m["degree_centralization"] - freeman) < 1e-9
            if name == "florentine":
                medici = [r for r in rows if r["name"] == "Medici"][0]
                assert abs(medici["betweenness"] - 0.521978) < 1e-6


@test
def metrics_text_names_gatekeepers():
    with tempfile.TemporaryDirectory() as d:
        path, _, _ = map_from_edges(d, "florentine")
        code, out, err = run("metrics", path)
        assert code == 0, err
        assert "Medici" in out and "Gatekeepers (articulation points): Medici" in out, out


@test
def conflict_ties_are_not_ties():
    with tempfile.TemporaryDirectory() as d:
        doc = json.loads(minimal(relationships=[
            {"id": "r", "source": "a", "target": "b", "category": "conflict_tension"}]))
        path = write(d, "c.stakemap", json.dumps(doc))
        result = json.loads(run("metrics", "--format=json", path)[1])
        assert [r["degree"] for r in result["stakeholders"]] == [0, 0]
        assert result["map"]["components"] == 2


@test
def convert_round_trips_keep_unknown_members():
    with tempfile.TemporaryDirectory() as d:
        doc = json.loads(minimal())
        doc["from_the_future"] = {"hologram": [1, 2]}
        doc["stakeholders"][0]["aura"] = "blue"
        doc["stakeholders"][0]["kind"] = "time_traveller"
        src = write(d, "in.stakemap", json.dumps(doc))
        out1 = os.path.join(d, "one.stakemap")
        out2 = os.path.join(d, "two.stakemap")
        assert run("convert", src, "-o", out1)[0] == 0
        assert run("convert", out1, "-o", out2)[0] == 0
        one, two = open(out1, "rb").read(), open(out2, "rb").read()
        assert one == two
        back = json.loads(one)
        assert back["from_the_future"] == {"hologram": [1, 2]}
        assert back["stakeholders"][0]["aura"] == "blue"
        assert back["stakeholders"][0]["kind"] == "time_traveller"


@test
def check_and_convert_keep_regions():
    regions = [{"id": "rg1", "label": "Inner circle", "shape": "ellipse", "x": 0, "y": 0,
                "width": 300, "height": 200.5, "colour": "green", "notes": "Drawn in the workshop",
                "later": [1]},
               {"id": "rg2", "label": "", "x": 400, "y": -50, "width": 120, "height": 80}]
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "regions.stakemap", minimal(regions=regions))
        code, out, err = run("check", src)
        assert code == 0, err
        assert out == "%s: valid\n" % src
        out1 = os.path.join(d, "out.stakemap")
        assert run("convert", src, "-o", out1)[0] == 0
        assert json.load(open(out1))["regions"] == regions
        # A size of zero is refused, saying where.
        bad = write(d, "bad.stakemap", minimal(regions=[{"id": "rg1", "width": 0, "height": 10}]))
        code, out, err = run("check", bad)
        assert code == 1
        assert "$.regions[0].width" in out + err, out + err


@test
def convert_to_graphml_reads_in_networkx():
    import networkx as nx
    with tempfile.TemporaryDirectory() as d:
        path, names, edges = map_from_edges(d, "florentine")
        out = os.path.join(d, "f.graphml")
        # Nobody here has said yes to being named: the round trip asks for all names.
        code, _, err = run("convert", "--names=all", path, "-o", out)
        assert code == 0, err
        g = nx.read_graphml(out)
        assert g.number_of_nodes() == len(names)
        assert g.number_of_edges() == len(edges)
        back = os.path.join(d, "back.stakemap")
        code, _, err = run("convert", out, "-o", back)
        assert code == 0, err
        doc = json.load(open(back))
        assert sorted(s["name"] for s in doc["stakeholders"]) == sorted(names.values())
        assert len(doc["relationships"]) == len(edges)


@test
def convert_two_way_ties_read_as_undirected_in_networkx():
    try:
        import networkx as nx
    except ImportError:
        raise Skip("networkx is not installed")
    with tempfile.TemporaryDirectory() as d:
        people = [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bob"}, {"id": "c", "name": "Cat"}]
        both = [{"id": "r1", "source": "a", "target": "b", "direction": "two_way"},
                {"id": "r2", "source": "c", "target": "b", "direction": "two_way"}]
        mixed = both[:1] + [{"id": "r2", "source": "c", "target": "b", "direction": "one_way"}]
        for ties, directed in ((both, False), (mixed, True)):
            src = write(d, "m.stakemap", json.dumps({"format": "stakemap", "version": 1,
                                                     "stakeholders": people, "relationships": ties}))
            out = os.path.join(d, "m.graphml")
            code, _, err = run("convert", "--names=all", src, "-o", out)
            assert code == 0, err
            if directed:
                # networkx has no mixed graphs and refuses a directed="false"
                # edge in a directed one (docs/cli.md): without the attribute,
                # the file is a DiGraph that keeps "direction" on each edge.
                try:
                    nx.read_graphml(out)
                    assert False, "networkx read a mixed graph"
                except nx.NetworkXError as e:
                    assert "directed=false" in str(e), e
                stripped = write(d, "stripped.graphml", open(out).read().replace(' directed="false"', ""))
                g = nx.read_graphml(stripped)
                assert g.is_directed()
                assert g.edges["a", "b"]["direction"] == "two_way"
                assert g.edges["c", "b"]["direction"] == "one_way"
            else:
                g = nx.read_graphml(out)
                assert not g.is_directed(), g
                assert g.has_edge("b", "a") and g.has_edge("b", "c")
            assert sorted(map(sorted, g.edges())) == [["a", "b"], ["b", "c"]]
            # and Stakemap reads both back as they were
            back = os.path.join(d, "back.stakemap")
            code, _, err = run("convert", out, "-o", back)
            assert code == 0 and err == "", err
            doc = json.load(open(back))
            assert [t["direction"] for t in doc["relationships"]] == [t["direction"] for t in ties]
            # as it does networkx's own file, written from what networkx read
            again = os.path.join(d, "again.graphml")
            nx.write_graphml(g, again)
            code, _, err = run("convert", again, "-o", back)
            assert code == 0, err
            doc = json.load(open(back))
            assert [t["direction"] for t in doc["relationships"]] == [t["direction"] for t in ties]


@test
def convert_to_graphml_carries_yed_layout():
    import xml.etree.ElementTree as ET
    import networkx as nx
    Y = "{http://www.yworks.com/xml/graphml}"
    G = "{http://graphml.graphdrawing.org/xmlns}"
    with tempfile.TemporaryDirectory() as d:
        people = [{"id": "a", "name": "Ann", "kind": "carer", "consent_to_be_mapped": True, "influence": 10,
                   "x": 100, "y": 50},
                  {"id": "b", "name": "Bob's Care Ltd", "kind": "provider_org", "x": -20, "y": 30.5},
                  {"id": "c", "name": "Cat Hidden", "kind": "service_user", "consent_to_be_mapped": False,
                   "x": 7, "y": -8}]
        ties = [{"id": "r1", "source": "a", "target": "b", "direction": "one_way"},
                {"id": "r2", "source": "c", "target": "b", "direction": "two_way"}]
        src = write(d, "m.stakemap", json.dumps({"format": "stakemap", "version": 1,
                                                 "stakeholders": people, "relationships": ties}))
        for names in ("consent", "all"):
            out = os.path.join(d, names + ".graphml")
            code, _, err = run("convert", "--names=" + names, src, "-o", out)
            assert code == 0, err
            root = ET.parse(out).getroot()
            keys = {k.get("yfiles.type"): k.get("id") for k in root.iter(G + "key") if k.get("yfiles.type")}
            assert set(keys) == {"nodegraphics", "edgegraphics"}, keys
            shown = {}
            for node, person in zip(root.iter(G + "node"), people):
                data = [x for x in node.findall(G + "data") if x.get("key") == keys["nodegraphics"]]
                assert len(data) == 1, node.get("id")
                shape = data[0].find(Y + "ShapeNode")
                geo = shape.find(Y + "Geometry")
                w, h = float(geo.get("width")), float(geo.get("height"))
                # yEd's boxes are placed by their corner; the map's by the middle
                assert abs(float(geo.get("x")) + w / 2 - person["x"]) < 1e-9
                assert abs(float(geo.get("y")) + h / 2 - person["y"]) < 1e-9
                shown[person["id"]] = (shape.find(Y + "NodeLabel").text, shape.find(Y + "Shape").get("type"),
                                         shape.find(Y + "Fill").get("color"), w)
            # the side's shape, the kind's colour, influence as size, names as the export's rule says
            assert shown["a"][1] == "ellipse" and shown["b"][1] == "roundrectangle", shown
            assert shown["a"][2] != shown["b"][2] and shown["a"][2].startswith("#"), shown
            assert shown["a"][3] > shown["c"][3], shown
            assert shown["c"][0] == ("Cat Hidden" if names == "all" else "Participant 1"), shown
            if names == "consent":
                assert "Cat Hidden" not in open(out).read()
            arrows = {e.get("id"): e.find(".//" + Y + "Arrows") for e in root.iter(G + "edge")}
            assert (arrows["r1"].get("source"), arrows["r1"].get("target")) == ("none", "standard")
            assert (arrows["r2"].get("source"), arrows["r2"].get("target")) == ("standard", "standard")
        # networkx still reads it, and its x and y are the map's (y up, as Gephi)
        g = nx.read_graphml(write(d, "nx.graphml", open(out).read().replace(' directed="false"', "")))
        assert g.nodes["a"]["x"] == 100 and g.nodes["a"]["y"] == -50, g.nodes["a"]
        assert g.nodes["b"]["label"] == "Bob's Care Ltd"
        # and Stakemap reads it back as it was, with nothing to warn about
        back = os.path.join(d, "back.stakemap")
        code, _, err = run("convert", out, "-o", back)
        assert code == 0 and err == "", err
        doc = json.load(open(back))
        assert [(s["id"], s["name"], s["x"], s["y"]) for s in doc["stakeholders"]] == \
            [(p["id"], p["name"], p["x"], p["y"]) for p in people]
        assert [(t["source"], t["target"], t["direction"]) for t in doc["relationships"]] == \
            [(t["source"], t["target"], t["direction"]) for t in ties]


@test
def convert_gexf_both_ways_with_networkx():
    import networkx as nx
    with tempfile.TemporaryDirectory() as d:
        people = [{"id": "a", "name": "Ann", "kind": "carer", "consent_to_be_mapped": True, "influence": 10,
                   "x": 100, "y": 50},
                  {"id": "b", "name": "Bob's Care Ltd", "kind": "provider_org", "influence": 4, "x": -20, "y": 30.5},
                  {"id": "c", "name": "Cat Hidden", "kind": "service_user", "x": 7, "y": -8}]
        one_way = {"id": "r1", "source": "a", "target": "b", "direction": "one_way", "strength": 3,
                   "label": "asks Cat Hidden"}
        two_way = {"id": "r2", "source": "c", "target": "b", "direction": "two_way"}
        for ties in ([one_way, two_way], [dict(one_way, direction="two_way"), two_way]):
            src = write(d, "m.stakemap", json.dumps({"format": "stakemap", "version": 1,
                                                     "stakeholders": people, "relationships": ties}))
            out = os.path.join(d, "m.gexf")
            code, _, err = run("convert", "--names=all", src, "-o", out)
            assert code == 0, err
            g = nx.read_gexf(out)
            mixed = ties[0]["direction"] == "one_way"
            # a mixed map is directed, its two-way ties "mutual" and said so in "direction"
            assert g.is_directed() == mixed, g
            assert ('type="mutual"' in open(out).read()) == mixed
            assert g.nodes["a"]["label"] == "Ann" and g.nodes["a"]["kind"] == "carer"
            assert g.nodes["a"]["influence"] == 10.0
            assert g.nodes["a"]["viz"]["position"] == {"x": 100.0, "y": -50.0, "z": 0.0}, g.nodes["a"]["viz"]
            ab = g.edges["a", "b"]
            assert ab["weight"] == 3.0 and ab["label"] == "asks Cat Hidden", ab
            assert ab["direction"] == ties[0]["direction"]
            assert g.edges["c", "b"]["direction"] == "two_way"
            # networkx reads a mutual edge as an arc each way
            assert g.has_edge("b", "c") and g.has_edge("c", "b")
            assert g.has_edge("b", "a") != mixed
            # and back, as it was, with nothing to warn about
            back = os.path.join(d, "back.stakemap")
            code, _, err = run("convert", out, "-o", back)
            assert code == 0 and err == "", err
            doc = json.load(open(back))
            assert [(s["id"], s["name"], s["x"], s["y"], s.get("influence")) for s in doc["stakeholders"]] == \
                [(p["id"], p["name"], p["x"], p["y"], p.get("influence")) for p in people]
            assert [(t["source"], t["target"], t["direction"], t.get("strength"), t.get("label"))
                    for t in doc["relationships"]] == \
                [(t["source"], t["target"], t["direction"], t.get("strength"), t.get("label")) for t in ties]
        # names follow consent, in labels and in every text
        code, _, err = run("convert", src, "-o", out)
        assert code == 0, err
        text = open(out).read()
        assert "Cat Hidden" not in text and 'label="Participant 1"' in text, text
        # networkx's own GEXF reads in: labels as names, viz positions, undirected ties two-way
        h = nx.Graph()
        h.add_node(0, label="Housing office", influence=8.0, viz={"position": {"x": 10.0, "y": 20.0, "z": 0.0}})
        h.add_node(1, label="Tenants", viz={"position": {"x": -5.0, "y": 0.0, "z": 0.0}})
        h.add_edge(0, 1, weight=2)
        nxout = os.path.join(d, "nx.gexf")
        nx.write_gexf(h, nxout)
        code, _, err = run("convert", nxout, "-o", back)
        assert code == 0, err
        doc = json.load(open(back))
        assert [(s["name"], s["x"], s["y"]) for s in doc["stakeholders"]] == \
            [("Housing office", 10, -20), ("Tenants", -5, 0)], doc["stakeholders"]
        assert doc["stakeholders"][0]["influence"] == 8
        assert [(t["direction"], t["strength"]) for t in doc["relationships"]] == [("two_way", 2)]
        # networkx numbers edges from 0, as the nodes here: the clash is told, with the line
        assert "warning: line" in err and "is used by another record" in err, err


@test
def convert_csv_both_ways():
    with tempfile.TemporaryDirectory() as d:
        people = write(d, "people.csv", "\ufeffName,Kind,Influence\r\nAnn,service_user,3\r\n\"Bob, \"\"the boss\"\"\",manager,9\r\n")
        ties = write(d, "ties.csv", "source,target,category\r\nAnn,\"Bob, \"\"the boss\"\"\",information\r\n")
        out = os.path.join(d, "m.stakemap")
        code, _, err = run("convert", people, "--relationships", ties, "-o", out)
        assert code == 0, err
        doc = json.load(open(out))
        assert [s["name"] for s in doc["stakeholders"]] == ["Ann", 'Bob, "the boss"']
        assert doc["stakeholders"][1]["influence"] == 9
        assert all("x" in s and "y" in s for s in doc["stakeholders"])
        assert len(doc["relationships"]) == 1
        csv_out = os.path.join(d, "again.csv")
        code, _, err = run("convert", "--names=all", out, "-o", csv_out)
        assert code == 0, err
        assert os.path.exists(os.path.join(d, "again.relationships.csv"))
        code, _, err = run("convert", csv_out, "--relationships", os.path.join(d, "again.relationships.csv"),
                           "-o", os.path.join(d, "again.stakemap"))
        assert code == 0, err
        again = json.load(open(os.path.join(d, "again.stakemap")))
        assert [s["name"] for s in again["stakeholders"]] == ["Ann", 'Bob, "the boss"']
        bad = write(d, "bad.csv", "kind\nmanager\n")
        code, _, err = run("convert", bad, "-o", os.path.join(d, "x.stakemap"))
        assert code == 1 and err.startswith("stakemap-cli: %s: " % bad) and "name" in err, err


@test
def convert_reads_gephi_and_kumu_spreadsheets_and_says_what_it_changed():
    with tempfile.TemporaryDirectory() as d:
        # Gephi's Data Laboratory: every cell quoted, nodes and edges each numbered from 0.
        nodes = write(d, "nodes.csv", '"Id","Label","timeset"\n"0","Ann",""\n"1","Bob",""\n"2","Cat",""\n')
        edges = write(d, "edges.csv", '"Source","Target","Type","Id","Label","timeset","Weight"\n'
                      '"0","1","Directed","0","","","1.0"\n"1","2","Undirected","1","","","0.5"\n')
        out = os.path.join(d, "g.stakemap")
        code, _, err = run("convert", nodes, "--relationships", edges, "-o", out)
        assert code == 0, err
        doc = json.load(open(out))
        assert [s["name"] for s in doc["stakeholders"]] == ["Ann", "Bob", "Cat"]
        ties = doc["relationships"]
        assert [(t["source"], t["target"], t["direction"]) for t in ties] == \
            [("0", "1", "one_way"), ("1", "2", "two_way")], ties
        assert ties[0]["strength"] == 1 and ties[1]["Weight"] == 0.5, ties
        warnings = err.splitlines()
        assert ("stakemap-cli: %s: warning: relationships, line 3, column \"Weight\": the weight 0.5 is not a "
                "strength" % edges) in err, err
        assert ("stakemap-cli: %s: warning: relationships, line 2, column \"id\": the id \"0\" is used by "
                "another record or is not a valid id; this relationship is now \"%s\"" % (edges, ties[0]["id"])) in err, err
        assert len(warnings) == 3, err

        # Kumu: elements and connections as its export writes them.
        elements = write(d, "elements.csv", "Label,Type,Description,Tags\nAnn,Funder,Pays,a | b\nBob,Volunteer,,\n")
        connections = write(d, "connections.csv", "From,To,Type,Direction\nAnn,Bob,money,mutual\n")
        out = os.path.join(d, "k.stakemap")
        code, _, err = run("convert", elements, "--relationships", connections, "-o", out)
        assert code == 0, err
        doc = json.load(open(out))
        ann, bob = doc["stakeholders"]
        assert ann["kind"] == "funder" and ann["notes"] == "Pays" and ann["Tags"] == "a | b", ann
        assert "kind" not in bob and bob["Type"] == "Volunteer", bob
        assert doc["relationships"][0]["direction"] == "two_way"
        assert err == ("stakemap-cli: %s: warning: line 3, column \"Type\": \"Volunteer\" is not a stakeholder "
                       "kind; kept as \"Type\", and the kind left as other\n" % elements), err

        # GraphML: a name trimmed and an edge id made anew are told, with the line.
        graphml = write(d, "t.graphml", "<graphml><key id='l' for='node' attr.name='label' attr.type='string'/>\n"
                        "<graph edgedefault='directed'>\n<node id='a'><data key='l'>Ann </data></node>\n"
                        "<node id='b'/>\n<edge id='b' source='a' target='b'/>\n</graph></graphml>\n")
        code, _, err = run("convert", graphml, "-o", os.path.join(d, "t.stakemap"))
        assert code == 0, err
        assert err == ("stakemap-cli: %s: warning: line 3, \"label\": spaces around the name \"Ann\" were taken off\n"
                       "stakemap-cli: %s: warning: line 5: the id \"b\" is used by another record or is not a valid "
                       "id; this relationship is now \"r1\"\n" % (graphml, graphml)), err

        # A header that names nothing says what would.
        bad = write(d, "bad.csv", "Nom,Genre\nAnn,x\n")
        code, _, err = run("convert", bad, "-o", os.path.join(d, "x.stakemap"))
        assert code == 1 and "\"Label\" as Kumu and Gephi do" in err, err
        assert not os.path.exists(os.path.join(d, "x.stakemap"))


HIDDEN = ("gloria", "mensah", "derek")


@test
def convert_anonymise_hides_names_and_ids_in_every_format():
    src = os.path.join(HERE, "data", "hidden-ids.stakemap")
    with tempfile.TemporaryDirectory() as d:
        for ext in ("stakemap", "graphml", "csv"):
            out = os.path.join(d, "passed-on." + ext)
            code, _, err = run("convert", "--anonymise", src, "-o", out)
            assert code == 0, err
            written = [out] + ([os.path.join(d, "passed-on.relationships.csv")] if ext == "csv" else [])
            for path in written:
                data = open(path, "rb").read().decode().lower()
                for name in HIDDEN:
                    assert name not in data, (path, name)
            text = open(out, encoding="utf-8").read()
            assert "Tenants' association" in text and "Housing association board" in text, ext
            assert "Participant 1" in text, ext
        out = os.path.join(d, "passed-on.stakemap")
        code, _, err = run("check", out)
        assert code == 0, err
        doc = json.load(open(out))
        assert len(doc["relationships"]) == 3
        ids = {s["id"] for s in doc["stakeholders"]}
        assert all(r["source"] in ids and r["target"] in ids for r in doc["relationships"])
        assert "Tenants' association chair writes to the board" in [r.get("label") for r in doc["relationships"]]
        assert "notes" not in json.dumps(doc)
        # Without --anonymise, .stakemap to .stakemap is still a full copy.
        copy = os.path.join(d, "copy.stakemap")
        code, _, err = run("convert", src, "-o", copy)
        assert code == 0, err
        assert json.load(open(copy)) == dict(json.load(open(src)), affected_groups=[])
        # Hiding names and showing them all cannot both be asked for.
        code, _, err = run("convert", "--anonymise", "--names=all", src, "-o", os.path.join(d, "x.graphml"))
        assert code == 2 and "--anonymise" in err, err
        assert not os.path.exists(os.path.join(d, "x.graphml"))


@test
def convert_names_all_says_so_in_graphml():
    import networkx as nx
    src = os.path.join(HERE, "data", "hidden-ids.stakemap")
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "all.graphml")
        code, _, err = run("convert", "--names=all", src, "-o", out)
        assert code == 0, err
        g = nx.read_graphml(out)
        assert "not to be passed on" in g.graph.get("names", ""), g.graph
        assert "gloria" in g.nodes
        out = os.path.join(d, "consent.graphml")
        code, _, err = run("convert", src, "-o", out)
        assert code == 0, err
        g = nx.read_graphml(out)
        assert "names" not in g.graph and "participant-1-2" in g.nodes
        assert g.number_of_edges() == 3


@test
def examples_are_valid():
    examples = os.path.join(TOP, "data", "examples")
    files = [os.path.join(examples, f) for f in sorted(os.listdir(examples)) if f.endswith(".stakemap")]
    assert files
    code, out, err = run("check", *files)
    assert code == 0, err


WORKED = os.path.join(HERE, "data", "worked-example.stakemap")


def catalogue_ids():
    """The ids of the rule catalogue, as the command line reports them for
    another map: every map is evaluated against every rule."""
    code, out, err = run("evaluate", "--format=json",
                         os.path.join(TOP, "data", "examples", "neighbourhood-air.stakemap"))
    assert code == 0, err
    return [rule["id"] for rule in json.loads(out)["rules"]]
STATUSES = {"pass", "warn", "fail", "not_applicable", "insufficient_data", "info"}


@test
def evaluate_json_shape():
    code, out, err = run("evaluate", "--format=json", WORKED)
    assert code == 0, err
    result = json.loads(out)
    assert {"rules", "principles", "gate", "summary"} <= set(result), result.keys()
    ids = catalogue_ids()
    assert len(set(ids)) == len(ids) and ids, ids
    assert [rule["id"] for rule in result["rules"]] == ids
    for rule in result["rules"]:
        for key in ("id", "principle", "status", "value", "thresholds", "evidence", "data_gaps",
                    "message", "action", "sources"):
            assert key in rule, (rule["id"], key)
        assert rule["status"] in STATUSES, rule
        assert isinstance(rule["thresholds"], dict) and isinstance(rule["data_gaps"], list)
        assert rule["sources"] and all(src.startswith("S") for src in rule["sources"])
        for e in rule["evidence"]:
            assert e["type"] in ("stakeholder", "relationship", "decision", "space", "group"), e
            assert isinstance(e["id"], str)
        assert "{" not in rule["message"], rule["message"]
    by_id = {r["id"]: r for r in result["rules"]}
    assert by_id["SP-01"]["status"] == "fail" and abs(by_id["SP-01"]["value"] - 7 / 2.75) < 1e-3
    assert by_id["SP-01"]["thresholds"]["sp01.fail_ratio"] == 2
    assert by_id["OT-04"]["status"] == "fail"
    assert {"type": "stakeholder", "id": "CPN"} in [{"type": e["type"], "id": e["id"]}
                                                   for e in by_id["OT-04"]["evidence"]]
    assert [p["id"] for p in result["principles"]] == ["P%d" % i for i in range(1, 8)]
    assert result["principles"][0] == {"id": "P1", "name": "Sharing power", "status": "not_met",
                                       "score": 0.125, "confidence": "high"}
    assert [p["status"] for p in result["principles"]].count("partly_met") == 5
    assert result["gate"]["id"] == "sharing_power"
    assert result["summary"].startswith("0 met, 5 partly met, 2 not met, 0 not assessed.")
    assert result["index"] == 54


@test
def evaluate_text_and_lens():
    code, out, err = run("evaluate", WORKED)
    assert code == 0, err
    assert out.index("The map does not yet show power being shared") < out.index("P1 Sharing power")
    assert "Needs attention" in out and "What you could do:" in out
    # Sources by name, and data gaps by the stakeholder's name and the
    # field's label, never by id and path.
    assert "Sources: S2 Leeds City Lab; S6 Arnstein (1969)" in out
    doc = json.load(open(WORKED, encoding="utf-8"))
    ids = {s["id"] for s in doc["stakeholders"]}
    gaps = [line for line in out.splitlines() if line.strip().startswith("Not recorded:")]
    assert gaps
    for line in gaps:
        for gap in line.split("Not recorded:", 1)[1].split(";"):
            who = gap.strip().split(":", 1)[0]
            assert who not in ids and who != "map", line
            assert "[" not in gap, line
    code, out, err = run("evaluate", "--format=json", "--lens=elucidation", WORKED)
    result = json.loads(out)
    assert result["lens"] == {"id": "elucidation", "headlines": ["SP-01", "EP-02", "OT-04"]}
    assert [r["id"] for r in result["rules"][:3]] == ["SP-01", "EP-02", "OT-04"]
    plain = {r["id"]: r["status"] for r in json.loads(run("evaluate", "--format=json", WORKED)[1])["rules"]}
    assert {r["id"]: r["status"] for r in result["rules"]} == plain


@test
def evaluate_exit_codes_and_config():
    assert run("evaluate")[0] == 2
    assert run("evaluate", "--format=xml", WORKED)[0] == 2
    assert run("evaluate", "--lens=sideways", WORKED)[0] == 2
    assert run("evaluate", WORKED, WORKED)[0] == 2
    code, out, err = run("--help")
    assert "evaluate" in out
    with tempfile.TemporaryDirectory() as d:
        missing = os.path.join(d, "missing.stakemap")
        code, _, err = run("evaluate", missing)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % missing), err
        bad = write(d, "bad.stakemap", "{")
        assert run("evaluate", bad)[0] == 1
        cfg = write(d, "cfg.json", json.dumps({"sp01": {"fail_ratio": 3}, "gate": {"sharing_power": False}}))
        code, out, err = run("evaluate", "--format=json", "--config", cfg, WORKED)
        assert code == 0, err
        result = json.loads(out)
        sp01 = [r for r in result["rules"] if r["id"] == "SP-01"][0]
        assert sp01["status"] == "warn" and sp01["thresholds"]["sp01.fail_ratio"] == 3
        assert result["gate"] is None
        wrong = write(d, "wrong.json", json.dumps({"sp01": {"fail_rato": 3}}))
        code, _, err = run("evaluate", "--config", wrong, WORKED)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % wrong) and "fail_rato" in err, err


@test
def evaluate_gate_g0():
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "staff.stakemap", minimal(stakeholders=[
            {"id": "a", "name": "Ann", "kind": "manager"}, {"id": "b", "name": "Bob", "kind": "professional"}]))
        code, out, err = run("evaluate", "--format=json", path)
        assert code == 0, err
        result = json.loads(out)
        assert result["gate"]["id"] == "G0"
        assert result["rules"][0]["status"] == "fail"
        assert sum(r["status"] == "not_applicable" for r in result["rules"]) >= 20


def worked_with(directory, name, snapshot=None, evaluation_member=None, edit=None):
    doc = json.load(open(WORKED))
    if snapshot is not None:
        doc["map"]["snapshot"] = snapshot
    if evaluation_member is not None:
        doc["evaluation"] = evaluation_member
    if edit is not None:
        edit(doc)
    return write(directory, name, json.dumps(doc))


OWN_THRESHOLD = {
    "thresholds": {"sp01.fail_ratio": 3},
    "threshold_log": [{"key": "sp01.fail_ratio", "old": 2, "new": 3, "by": "Ann",
                       "at": "2026-03-01T10:00:00Z", "reason": "Agreed at the steering group"}],
}


@test
def evaluate_uses_the_maps_thresholds():
    with tempfile.TemporaryDirectory() as d:
        path = worked_with(d, "own.stakemap", evaluation_member=OWN_THRESHOLD)
        result = evaluation(path)
        sp01 = [r for r in result["rules"] if r["id"] == "SP-01"][0]
        assert sp01["status"] == "warn" and sp01["thresholds"]["sp01.fail_ratio"] == 3, sp01
        code, out, err = run("evaluate", path)
        assert code == 0, err
        assert ("sp01.fail_ratio = 3 (default 2), changed by Ann on 2026-03-01: "
                "Agreed at the steering group") in out, out
        # --config goes on top of the map's own thresholds, and says so.
        cfg = write(d, "cfg.json", json.dumps({"sp01": {"fail_ratio": 2.4}, "ep03.warn": 0.5}))
        code, out, err = run("evaluate", "--format=json", "--config", cfg, path)
        assert code == 0, err
        sp01 = [r for r in json.loads(out)["rules"] if r["id"] == "SP-01"][0]
        assert sp01["status"] == "fail" and sp01["thresholds"]["sp01.fail_ratio"] == 2.4, sp01
        code, out, err = run("evaluate", "--config", cfg, path)
        assert "sp01.fail_ratio = 2.4 (default 2), set with --config" in out, out
        assert "ep03.warn = 0.5 (default 0.4), set with --config" in out, out
        # Defaults everywhere: no list at all.
        assert "Thresholds changed" not in run("evaluate", WORKED)[1]


@test
def evaluate_data_quality_checks():
    with tempfile.TemporaryDirectory() as d:
        path = worked_with(d, "dated.stakemap", snapshot={"date": "2026-01-01", "version": 1})
        code, out, err = run("evaluate", "--format=json", "--today=2026-04-02", path)
        assert code == 0, err
        result = json.loads(out)
        checks = {c["id"]: c for c in result["checks"]}
        assert list(checks) == ["DQ-02", "DQ-03", "DQ-04", "DQ-05"], list(checks)
        rule_keys = set(result["rules"][0]) - {"previous", "trend"}
        for c in checks.values():
            assert set(c) == rule_keys, (c["id"], set(c) ^ rule_keys)
            assert c["principle"] == "DQ" and c["status"] in STATUSES and "{" not in c["message"]
        assert checks["DQ-02"]["status"] == "pass"          # validated by service user A
        assert checks["DQ-04"]["status"] == "warn" and checks["DQ-04"]["value"] == 91, checks["DQ-04"]
        assert "91 days old" in checks["DQ-04"]["message"]
        assert run("evaluate", "--format=json", "--today=2026-03-31", path)[0] == 0
        day89 = {c["id"]: c for c in json.loads(run("evaluate", "--format=json", "--today=2026-03-31", path)[1])["checks"]}
        assert day89["DQ-04"]["status"] == "pass", day89["DQ-04"]
        assert checks["DQ-05"]["status"] == "warn"
        assert "Service user" not in checks["DQ-05"]["message"]
        assert {e["id"] for e in checks["DQ-05"]["evidence"]} >= {"SUA", "SUB", "CAR"}
        # Not scored: the profile is the one of §9.
        assert result["index"] == 54
        code, out, err = run("evaluate", "--today=2026-04-02", path)
        assert "Data quality (not scored)" in out and out.index("P7 ") < out.index("DQ-04"), out
        assert run("evaluate", "--today=yesterday", path)[0] == 2
        assert run("evaluate", "--today=2026-02-30", path)[0] == 2


@test
def snapshot_records_and_evaluate_shows_change():
    with tempfile.TemporaryDirectory() as d:
        path = worked_with(d, "drop-in.stakemap", snapshot={"date": "2026-03-01", "version": 1})
        before = open(path).read()
        code, out, err = run("snapshot", path)
        assert code == 0, err
        assert "2026-03-01" in out, out
        # Saved safely: the previous file kept beside it.
        assert open(path + "~").read() == before
        doc = json.load(open(path))
        snaps = doc["evaluation"]["snapshots"]
        assert len(snaps) == 1 and snaps[0]["date"] == "2026-03-01" and snaps[0]["version"] == 1, snaps
        assert sorted(snaps[0]["rules"]) == sorted(catalogue_ids()) and len(snaps[0]["principles"]) == 7
        assert snaps[0]["rules"]["SP-01"] == {"value": 2.5455, "status": "fail"}, snaps[0]["rules"]["SP-01"]
        assert snaps[0]["principles"]["P1"] == "not_met"
        assert run("check", path)[0] == 0
        # The same snapshot again replaces its record.
        assert run("snapshot", path)[0] == 0
        assert len(json.load(open(path))["evaluation"]["snapshots"]) == 1
        # Not compared with itself.
        assert "previous" not in evaluation(path)["rules"][0]

        # A later snapshot where service user A has more say.
        doc = json.load(open(path))
        doc["map"]["snapshot"] = {"date": "2026-06-01", "version": 2}
        for st in doc["stakeholders"]:
            if st["id"] == "SUA":
                st["influence"] = 6
        later = write(d, "later.stakemap", json.dumps(doc))
        result = evaluation(later)
        sp01 = [r for r in result["rules"] if r["id"] == "SP-01"][0]
        assert sp01["previous"] == {"value": 2.5455, "date": "2026-03-01"}, sp01
        assert sp01["trend"] == "better" and sp01["value"] < 2.5455
        sp02 = [r for r in result["rules"] if r["id"] == "SP-02"][0]
        assert sp02["trend"] == "same", sp02
        p1 = result["principles"][0]
        assert p1["previous"] == {"status": "not_met", "date": "2026-03-01"}, p1
        code, out, err = run("evaluate", later)
        assert "Compared with the results recorded on 2026-03-01." in out, out
        assert "\u2193 from 2.55 on 2026-03-01: better" in out, out
        assert "= the same as on 2026-03-01" in out


@test
def snapshot_usage_and_bad_input():
    assert run("snapshot")[0] == 2
    assert run("snapshot", WORKED, WORKED)[0] == 2
    code, out, err = run("snapshot", "--help")
    assert code == 0 and "snapshot" in out
    assert "snapshot" in run("--help")[1]
    with tempfile.TemporaryDirectory() as d:
        graphml = write(d, "m.graphml", "<graphml/>")
        assert run("snapshot", graphml)[0] == 2
        missing = os.path.join(d, "missing.stakemap")
        code, _, err = run("snapshot", missing)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % missing), err
        newer = write(d, "newer.stakemap", json.dumps({"format": "stakemap", "version": 2}))
        code, _, err = run("snapshot", newer)
        assert code == 1 and "newer version" in err, err
        assert json.load(open(newer)) == {"format": "stakemap", "version": 2}
        assert not os.path.exists(newer + "~")


# report

EXAMPLE = os.path.join(TOP, "data", "examples", "neighbourhood-air.stakemap")
RULE_LABELS = {"pass": "Looks OK", "warn": "Worth a look", "fail": "Needs attention",
               "not_applicable": "Doesn\u2019t apply", "insufficient_data": "Not enough information",
               "info": "For discussion"}
PRINCIPLE_LABELS = {"met": "Met", "partly_met": "Partly met", "not_met": "Not met",
                    "not_assessed": "Not assessed"}
A4 = (595.276, 841.89)
MARGIN = 56.7


def need_pdftotext():
    if shutil.which("pdftotext") is None:
        raise Skip("pdftotext (poppler-utils) is not installed")


def pdf_text(path, *pages):
    # In the order drawn, so that the two lines of a name stay together
    # whatever words sit beside them on the page.
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    p = subprocess.run(args + [path, "-"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


def squash(text):
    """Text without white space, hyphens and page footers, so a phrase
    matches however the report wrapped it across lines and pages
    (pdftotext drops a hyphen at the end of a line)."""
    text = "\n".join(line for line in text.splitlines()
                     if not re.search(r"— evaluation report, \d{4}-\d\d-\d\d$|^Page \d+ of \d+$", line))
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def pdf_pages(path):
    p = subprocess.run(["pdfinfo", path], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return int(re.search(r"^Pages:\s+(\d+)", p.stdout, re.M).group(1))


def qpdf_check(path):
    if shutil.which("qpdf") is None:
        return
    p = subprocess.run(["qpdf", "--check", path], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, (path, p.stdout, p.stderr)


def word_boxes(path):
    """Every word pdftotext finds, by page: (width, height, [(x0, y0, x1, y1, word)])."""
    p = subprocess.run(["pdftotext", "-bbox", path, "-"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', p.stdout, re.S):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page.group(3))]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def evaluation(path):
    code, out, err = run("evaluate", "--format=json", path)
    assert code == 0, err
    return json.loads(out)


def with_evaluation(directory, source, name, evaluation_member):
    doc = json.load(open(source))
    doc["evaluation"] = evaluation_member
    return write(directory, name, json.dumps(doc))


# Kinds that are organisations: named whatever their consent (issue 11).
ORGANISATION_KINDS = {"community_org", "provider_org", "funder", "regulator"}


def is_hidden(s):
    """An individual who has not agreed to be named: "Participant N" outside the team."""
    organisation = s.get("is_group") is True or s.get("kind") in ORGANISATION_KINDS
    return not organisation and s.get("consent_to_be_mapped") is not True


def hidden_names(doc):
    return [s["name"] for s in doc["stakeholders"] if is_hidden(s)]


def check_report_text(text, result, doc, hidden):
    flat = squash(text)
    for p in result["principles"]:
        assert squash(p["name"]) in flat, p["name"]
        assert squash(PRINCIPLE_LABELS[p["status"]]) in flat, p["status"]
    names = {s["id"]: s["name"] for s in doc["stakeholders"]}
    seen_evidence = 0
    for r in result["rules"]:
        assert squash(RULE_LABELS[r["status"]]) in flat, (r["id"], r["status"])
        assert r["id"] in text, r["id"]
        if r["status"] in ("warn", "fail", "info", "insufficient_data"):
            assert squash(r["action"]) in flat, (r["id"], r["action"])
        for e in r["evidence"]:
            if e["type"] == "stakeholder" and e["id"] not in hidden:
                assert squash(names[e["id"]]) in flat, (r["id"], names[e["id"]])
                seen_evidence += 1
        for source in r["sources"]:
            assert source in text
    assert seen_evidence > 0
    # Each cited source is named in full at the end, so a reader can find it.
    assert "Sources" in text
    assert squash("Arnstein, S. R. (1969) A Ladder of Citizen Participation") in flat
    assert squash("S6 Arnstein (1969)") in flat
    if result.get("checks"):
        assert "Data-quality checks" in text
        hidden_names = [names[i] for i in hidden]
        for c in result["checks"]:
            assert c["id"] in text, c["id"]
            assert squash(RULE_LABELS[c["status"]]) in flat, c["id"]
            if not any(name in c["message"] for name in hidden_names):
                assert squash(c["message"]) in flat, c["id"]
    assert datetime.date.today().isoformat() in text
    if result["gate"] is not None:
        assert squash(result["gate"]["message"]) in flat
    if result["index"] is not None:
        assert squash("indicative — not a grade") in flat
    # Ids are not names: no "SUB: accessibility.met" style gaps.
    gap_ids = re.findall(r"(?:\(data gaps\): |; )[A-Za-z0-9_]+: [a-z_]+\.[a-z_]+", text)
    assert not gap_ids, gap_ids


@test
def report_usage_errors_exit_2():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "r.pdf")
        for args in (["report"], ["report", EXAMPLE], ["report", EXAMPLE, "-o", os.path.join(d, "r.png")],
                     ["report", EXAMPLE, EXAMPLE, "-o", out], ["report", "--lens=sideways", EXAMPLE, "-o", out],
                     ["report", "--style=simple", EXAMPLE, "-o", out],
                     ["report", "--format=docx", EXAMPLE, "-o", out],
                     ["report", "--format=html", EXAMPLE, "-o", out],
                     ["report", "--no-such-option", EXAMPLE, "-o", out]):
            code, _, err = run(*args)
            assert code == 2, (args, code, err)
            assert err.startswith("stakemap-cli: "), err
        assert not os.listdir(d)
        code, out_text, _ = run("--help")
        assert code == 0 and "report FILE -o OUT" in out_text
        code, out_text, _ = run("report", "--help")
        assert code == 0 and "Usage:" in out_text and "--lens" in out_text and "--config" in out_text
        assert "--style" in out_text and "easy-read" in out_text and "--format" in out_text


@test
def report_bad_input_exit_1():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "r.pdf")
        missing = os.path.join(d, "missing.stakemap")
        code, _, err = run("report", missing, "-o", out)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % missing), err
        broken = write(d, "broken.stakemap", '{"format": "stakemap",\n "version": 1,\n "map": {"title" "x"}}')
        code, _, err = run("report", broken, "-o", out)
        assert code == 1 and err.startswith("stakemap-cli: %s: line 3, column" % broken), err
        invalid = write(d, "invalid.stakemap", minimal().replace('"Ann"}', '"Ann", "influence": 12}'))
        code, _, err = run("report", invalid, "-o", out)
        assert code == 1 and err.startswith("stakemap-cli: %s: $.stakeholders[0].influence" % invalid), err
        wrong = write(d, "wrong.json", json.dumps({"sp01": {"fail_rato": 3}}))
        code, _, err = run("report", "--config", wrong, EXAMPLE, "-o", out)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % wrong) and "fail_rato" in err, err
        nowhere = os.path.join(d, "no-such-dir", "r.pdf")
        code, _, err = run("report", EXAMPLE, "-o", nowhere)
        assert code == 1 and err.startswith("stakemap-cli: %s: " % nowhere), err
        assert "CRITICAL" not in err and "WARNING" not in err, err
        assert not os.path.exists(out)


@test
def report_example_map():
    need_pdftotext()
    doc = json.load(open(EXAMPLE))
    hidden = {s["id"] for s in doc["stakeholders"] if is_hidden(s)}
    assert "gloria" in hidden
    with tempfile.TemporaryDirectory() as d:
        path = with_evaluation(d, EXAMPLE, "air.stakemap", {
            "thresholds": {"sp01.fail_ratio": 2.5},
            "threshold_log": [{"key": "sp01.fail_ratio", "old": 2, "new": 2.5, "by": "Lena",
                               "at": "2025-03-20T18:30:00Z",
                               "reason": "Agreed at the March workshop; Gloria wanted it kept at 2."}],
            "responses": [
                {"id": "q1", "rule": "SP-01", "kind": "discuss", "by": "Amina", "at": "2025-03-21T10:00:00Z",
                 "text": "Take this to the April steering group with the bus company."},
                {"id": "q2", "rule": "OT-04", "kind": "differ", "by": "Derek", "at": "2025-03-22T10:00:00Z",
                 "text": "The association is elected every year; Gloria says it is no gatekeeper."}],
            "snapshots": [{"date": "2024-11-10", "version": 1, "recorded_at": "2024-11-10T12:00:00Z",
                           "rules": {"SP-01": {"value": 3.1, "status": "fail"}},
                           "principles": {"P1": "not_met", "P3": "partly_met"}}],
        })
        assert run("check", path)[0] == 0
        out = os.path.join(d, "air.pdf")
        code, stdout, err = run("report", path, "-o", out)
        assert code == 0 and stdout == "" and err == "", (code, err)
        qpdf_check(out)
        assert pdf_pages(out) > 1
        text = pdf_text(out)
        result = evaluation(path)
        check_report_text(text, result, doc, hidden)
        flat = squash(text)
        assert "Cleaner air around Millfield Primary" in text
        assert squash(doc["map"]["question"]) in flat
        assert "2025-03-14" in text and "Agreed" in text
        # the group's responses, with who and when
        assert squash("Take this to the April steering group with the bus company.") in flat
        assert "Discuss" in text and "Amina" in text and "2025-03-21" in text
        assert "We see it differently" in text and "Derek" in text
        # the changed threshold, marked, with its log entry
        assert "✱ sp01.fail_ratio" in text, text[-3000:]
        assert squash("Changed from the default 2.") in flat
        assert squash("2 → 2.5, by Lena on 2025-03-20") in flat
        # consent: the name appears nowhere, not even in free text the group wrote
        assert "gloria" not in text.lower(), [l for l in text.splitlines() if "loria" in l]
        assert "Participant 1" in text and "Unnamed participant" not in text
        assert "Participant 1" in pdf_text(out, 2), "the drawn map should use the pseudonym"
        assert squash("The association is elected every year; Participant 1 says") in flat
        # change since the previous snapshot (§7.5), as the evaluation says it
        changes = 0
        for p in result["principles"]:
            before = p.get("previous")
            if before is None:
                continue
            changes += 1
            if before["status"] == p["status"]:
                assert squash("unchanged since %s" % before["date"]) in flat, p
            else:
                assert squash("was %s on %s" % (PRINCIPLE_LABELS[before["status"]], before["date"])) in flat, p
        assert changes == 2, result["principles"]
        sp01 = [r for r in result["rules"] if r["id"] == "SP-01"][0]
        trend = ": " + sp01["trend"] if sp01.get("trend") in ("better", "worse") else ""
        assert squash("(3.1 on 2024-11-10%s)" % trend) in flat, sp01


@test
def report_worked_example():
    need_pdftotext()
    doc = json.load(open(WORKED))
    hidden = {s["id"] for s in doc["stakeholders"] if is_hidden(s)}
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "worked.pdf")
        code, _, err = run("report", "--lens=elucidation", WORKED, "-o", out)
        assert code == 0, err
        qpdf_check(out)
        text = pdf_text(out)
        # No one in the §9 map has said yes to being named, except the group.
        for s in doc["stakeholders"]:
            if s["id"] in hidden:
                assert s["name"] not in text, s["name"]
            else:
                assert s["name"] in text, s["name"]
        assert "Participant 1" in text and "Participant 8" in text
        assert "Unnamed participant" not in text
        result = evaluation(WORKED)
        check_report_text(text, result, doc, hidden)
        assert "Headlines for the Elucidation lens" in text
        assert squash("0 met, 5 partly met, 2 not met") in squash(text)
        assert "Indicative index: 54" in text


@test
def report_large_map_paginates_inside_the_margins():
    need_pdftotext()
    n = 240
    people = [{"id": "p%d" % i, "name": "Participant number %d of the long-named residents' panel" % i,
               "kind": "citizen" if i % 3 else "professional", "influence": i % 10, "interest": 9,
               "consent_to_be_mapped": True, "x": (i % 20) * 120, "y": (i // 20) * 120}
              for i in range(n)]
    ties = [{"id": "t%d" % i, "source": "p%d" % i, "target": "p%d" % ((i * 7 + 1) % n),
             "category": "information"} for i in range(n)]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "big.stakemap", json.dumps({
            "format": "stakemap", "version": 1, "map": {"title": "A large map " + "with a long title " * 8},
            "stakeholders": people, "relationships": ties}))
        out = os.path.join(d, "big.pdf")
        code, _, err = run("report", path, "-o", out)
        assert code == 0, err
        qpdf_check(out)
        pages = word_boxes(out)
        assert len(pages) == pdf_pages(out) > 10, len(pages)
        text = pdf_text(out)
        assert "Page %d of %d" % (len(pages), len(pages)) in text
        for number, (width, height, words) in enumerate(pages, 1):
            assert (width, height) in ((round(A4[0]), round(A4[1])), (round(A4[1]), round(A4[0]))) or \
                abs(width - A4[0]) < 1 or abs(width - A4[1]) < 1, (width, height)
            assert words, number
            for x0, y0, x1, y1, word in words:
                # the text area, and the footer in the bottom margin
                assert MARGIN - 1 <= x0 and x1 <= width - MARGIN + 1, (number, word, x0, x1)
                assert MARGIN - 12 <= y0 and y1 <= height - MARGIN + 30, (number, word, y0, y1)
            if number == 2:
                continue  # the drawn map: names may touch
            words = sorted(words, key=lambda w: w[1])
            for i, a in enumerate(words):
                for b in words[i + 1:]:
                    if b[1] >= a[3] - 1:
                        break
                    overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                    overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                    assert overlap_x < 1 or overlap_y < 1, (number, a, b)
        # the long list of names is all there, across pages
        flat = squash(text)
        for i in range(n):
            if i % 3:
                assert squash("Participant number %d of the long-named residents' panel" % i) in flat, i


@test
def report_long_evidence_lists_hang_under_their_bullets():
    """A large map's findings list hundreds of stakeholders as evidence, set a
    few dozen to a layout: every item is there, in order, once, its bullet in
    the margin and its wrapped lines under its text, across page breaks."""
    need_pdftotext()
    n = 150
    people = [{"id": "p%d" % i,
               "name": "Resident %d of the estate's long-standing tenants' and leaseholders' committee" % i,
               "kind": "professional" if i % 4 == 0 else "citizen", "influence": (i * 7) % 11,
               "interest": (i * 3) % 11, "consent_to_be_mapped": True, "consent_to_be_named": True,
               "x": (i % 15) * 150, "y": (i // 15) * 150} for i in range(n)]
    ties = [{"id": "t%d" % i, "source": "p%d" % i, "target": "p%d" % ((i * 7 + 1) % n),
             "category": "information"} for i in range(n)]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "long.stakemap", json.dumps({
            "format": "stakemap", "version": 1, "map": {"title": "Long lists"},
            "stakeholders": people, "relationships": ties}))
        out = os.path.join(d, "long.pdf")
        code, _, err = run("report", path, "-o", out)
        assert code == 0, err
        qpdf_check(out)
        names = {p["id"]: p["name"] for p in people}
        longest = max(evaluation(path)["rules"], key=lambda r: len(r["evidence"]))
        assert len(longest["evidence"]) > 64, len(longest["evidence"])
        flat = squash(pdf_text(out))
        start = flat.index(squash(longest["id"]))
        for e in longest["evidence"]:
            item = squash("• %s — %s" % (names[e["id"]], e["detail"]) if e.get("detail")
                          else "• %s" % names[e["id"]])
            found = flat.find(item, start)
            assert found >= 0, (longest["id"], item)
            start = found + len(item)

        bullets = wrapped = 0
        for number, (width, height, words) in enumerate(word_boxes(out), 1):
            lines = {}
            for x0, y0, x1, y1, word in words:
                lines.setdefault(round(y1), []).append((x0, word))
            in_item = False
            for y in sorted(lines):
                line = sorted(lines[y])
                if line[0][1] == "•":
                    bullets += 1
                    assert abs(line[0][0] - MARGIN) < 1, (number, line[:3])
                    assert abs(line[1][0] - (MARGIN + 12)) < 1.5, (number, line[:3])
                    in_item = True
                elif in_item and line[0][0] > MARGIN + 6:
                    wrapped += 1
                    assert abs(line[0][0] - (MARGIN + 12)) < 1.5, (number, line[:3])
                else:
                    in_item = False
        assert bullets >= len(longest["evidence"]) and wrapped > 50, (bullets, wrapped)


EXAMPLE_RESPONSES = {
    "responses": [
        {"id": "q1", "rule": "SP-01", "kind": "discuss", "by": "Amina", "at": "2025-03-21T10:00:00Z",
         "text": "Take this to the April steering group with the bus company."},
        {"id": "q2", "rule": "OT-04", "kind": "differ", "by": "Derek", "at": "2025-03-22T10:00:00Z",
         "text": "The association is elected every year; Gloria says it is no gatekeeper."}],
}
EASY_NAMES = ["Sharing power", "Working as equals", "Changing how things work", "Everyone can take part",
              "Giving and getting back", "Using what people are good at", "Being open and honest"]




@test
def convert_names_follow_consent():
    doc = json.load(open(EXAMPLE))
    # An organisation not marked as a group, and a person who said no,
    # named in someone else's notes.
    doc["stakeholders"].append({"id": "ta", "name": "Tenants' Association", "kind": "community_org"})
    doc["stakeholders"].append({"id": "p9", "name": "Zofia Nowak", "kind": "citizen",
                                "consent_to_be_mapped": False})
    doc["stakeholders"][0]["notes"] = "Met Zofia Nowak with the Tenants' Association chair."
    hidden = hidden_names(doc)
    assert "Gloria" in hidden and "Zofia Nowak" in hidden
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "air.stakemap", json.dumps(doc))
        for out, files in (("air.graphml", ["air.graphml"]),
                           ("air.csv", ["air.csv", "air.relationships.csv"])):
            code, _, err = run("convert", src, "-o", os.path.join(d, out))
            assert code == 0, err
            data = b"".join(open(os.path.join(d, f), "rb").read() for f in files)
            for name in hidden:
                assert name.encode() not in data, (out, name)
            for s in doc["stakeholders"]:
                if not is_hidden(s) and "&" not in s["name"]:
                    assert s["name"].encode() in data, (out, s["name"])
            assert b"Participant 1" in data and b"Participant 2" in data, out
            assert b"Met Participant 2 with the Tenants" in data, out
            # For the group only: everyone by name.
            code, _, err = run("convert", "--names=all", src, "-o", os.path.join(d, out))
            assert code == 0, err
            data = b"".join(open(os.path.join(d, f), "rb").read() for f in files)
            for name in hidden:
                assert name.encode() in data, (out, name)
            assert b"Met Zofia Nowak with the Tenants" in data, out
        # A project file is a full copy.
        copy = os.path.join(d, "copy.stakemap")
        assert run("convert", src, "-o", copy)[0] == 0
        assert json.load(open(copy))["stakeholders"] == doc["stakeholders"]
        # Anything else is a usage error, and writes nothing.
        bad = os.path.join(d, "bad.graphml")
        code, _, err = run("convert", "--names=some", src, "-o", bad)
        assert code == 2 and "--names" in err, (code, err)
        assert not os.path.exists(bad)


VIEWS = ("map", "power-interest", "ladder", "power-cube", "towers")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(33)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def pdf_uncompressed(path, directory):
    """The PDF's bytes with every stream decompressed, as qpdf writes them."""
    if shutil.which("qpdf") is None:
        return open(path, "rb").read()
    out = os.path.join(directory, "qdf.pdf")
    p = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", path, out],
                       capture_output=True, timeout=120)
    assert p.returncode in (0, 3), p.stderr
    return open(out, "rb").read()


@test
def export_every_view_in_every_format():
    need_pdftotext()
    doc = json.load(open(EXAMPLE))
    shown = [s["name"] for s in doc["stakeholders"] if not is_hidden(s)]
    with tempfile.TemporaryDirectory() as d:
        for view in VIEWS:
            png = os.path.join(d, view + ".png")
            code, _, err = run("export", EXAMPLE, "-o", png, "--view=" + view, "--width=1800")
            assert code == 0, (view, err)
            assert png_size(png)[0] == 1800, view

            svg = os.path.join(d, view + ".svg")
            code, _, err = run("export", EXAMPLE, "-o", svg, "--view=" + view)
            assert code == 0, (view, err)
            if shutil.which("rsvg-convert"):
                rendered = os.path.join(d, view + ".svg.png")
                p = subprocess.run(["rsvg-convert", svg, "-o", rendered], capture_output=True, timeout=120)
                assert p.returncode == 0, (view, p.stderr)
                assert png_size(rendered)[0] > 400
            text = open(svg, encoding="utf-8").read()
            assert "<text" in text, view
            svg_words = squash(" ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", text)))

            pdf = os.path.join(d, view + ".pdf")
            code, _, err = run("export", EXAMPLE, "-o", pdf, "--view=" + view, "--page=a3", "--landscape")
            assert code == 0, (view, err)
            qpdf_check(pdf)
            assert pdf_pages(pdf) == 1
            words = squash(pdf_text(pdf))
            # The title, the legend's words and the names, as real text.
            for phrase in [doc["map"]["title"], "Relationships", "Side", "Kind"]:
                assert squash(phrase) in words, (view, phrase)
            if view == "map":
                # The notes on the canvas, as text too.
                for note in doc["annotations"]:
                    assert squash(note["text"].split(".")[0]) in words, (view, note["text"])
                for name in shown:
                    assert squash(name) in words, (view, name)
                    assert squash(name) in svg_words, (view, name)
        # A3 landscape, in points.
        p = subprocess.run(["pdfinfo", os.path.join(d, "map.pdf")], capture_output=True, text=True, timeout=60)
        assert re.search(r"Page size:\s+1190\.5\d* x 841\.8\d* pts", p.stdout), p.stdout


@test
def export_names_follow_consent():
    doc = json.load(open(EXAMPLE))
    doc["stakeholders"].append({"id": "ta", "name": "Tenants' Association", "kind": "community_org",
                                "x": 900, "y": 900})
    doc["stakeholders"].append({"id": "zofia", "name": "Zofia Nowak", "kind": "citizen",
                                "consent_to_be_mapped": False, "x": 950, "y": 700})
    doc["map"]["title"] = "Air with Zofia Nowak"
    hidden = hidden_names(doc)
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "air.stakemap", json.dumps(doc))
        for ext in ("png", "svg", "pdf"):
            out = os.path.join(d, "air." + ext)
            code, _, err = run("export", src, "-o", out)
            assert code == 0, err
            data = pdf_uncompressed(out, d) if ext == "pdf" else open(out, "rb").read()
            for name in hidden:
                assert name.encode() not in data, (ext, name)
                for word in name.split():
                    if len(word) > 3 and word.isalpha():
                        assert word.encode() not in data, (ext, word)
            if ext == "pdf":
                words = squash(pdf_text(out))
                assert squash("Tenants' Association") in words
                assert squash("Air with Participant") in words
                for name in hidden:
                    assert squash(name) not in words, name
            # For the group only: everyone, and the picture says so.
            code, _, err = run("export", "--names=all", src, "-o", out)
            assert code == 0, err
            if ext == "svg":
                text = open(out, encoding="utf-8").read()
                assert "Zofia Nowak" in text and "for the group only" in text
            if ext == "pdf":
                words = squash(pdf_text(out))
                assert squash("Zofia Nowak") in words and squash("for the group only") in words


@test
def export_names_none_names_only_organisations():
    doc = json.load(open(EXAMPLE))
    doc["stakeholders"].append({"id": "ta", "name": "Tenants' Association", "kind": "community_org",
                                "x": 900, "y": 900})
    # A person who said yes to being named, in the title and in a note.
    doc["stakeholders"].append({"id": "olwen", "name": "Olwen Pryce", "kind": "citizen",
                                "consent_to_be_mapped": True, "x": 950, "y": 700})
    doc["annotations"].append({"id": "note-olwen", "text": "Olwen Pryce chairs", "x": 950, "y": 780})
    doc["map"]["title"] = "Air with Olwen Pryce"
    people = [s["name"] for s in doc["stakeholders"]
              if not (s.get("is_group") is True or s.get("kind") in ORGANISATION_KINDS)]
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "air.stakemap", json.dumps(doc))
        out = os.path.join(d, "air.svg")
        code, _, err = run("export", src, "-o", out)
        assert code == 0, err
        assert "Olwen Pryce" in open(out, encoding="utf-8").read()
        code, _, err = run("export", "--names=none", src, "-o", out)
        assert code == 0, err
        text = open(out, encoding="utf-8").read()
        for name in people:
            assert name not in text, name
        assert "Olwen" not in text and "Pryce" not in text
        # N counts every person in the map's order: Olwen is the last of them.
        n = len(people)
        assert "Participant %d chairs" % n in text and "Air with Participant %d" % n in text, text
        assert "only organisations and groups are named" in text
        for organisation in ("Tenants&apos;", "Clean Air Northbridge", "Northway Buses"):
            assert organisation in text or organisation.replace("&apos;", "'") in text, organisation
        # The web page and the data exports hide them too; --anonymise as well.
        for name, args in (("air.html", []), ("air.graphml", []), ("anon.graphml", ["--anonymise"])):
            out = os.path.join(d, name)
            verb = "export" if name.endswith(".html") else "convert"
            code, _, err = run(verb, "--names=none", *args, src, "-o", out)
            assert code == 0, (name, err)
            data = open(out, encoding="utf-8").read()
            assert "Olwen" not in data and "Amina" not in data, name
            assert "Participant %d" % n in data and "Northway Buses" in data, name
        code, help_text, _ = run("export", "--help")
        assert code == 0 and "consent|none|all" in help_text, help_text
        # The report too; all names is never a choice for a report.
        for style in ("full", "easy-read"):
            out = os.path.join(d, style + ".html")
            code, _, err = run("report", "--names=consent", "--style=" + style, src, "-o", out)
            assert code == 0, err
            assert "Amina" in open(out, encoding="utf-8").read(), style
            code, _, err = run("report", "--names=none", "--style=" + style, src, "-o", out)
            assert code == 0, err
            data = open(out, encoding="utf-8").read()
            for name in people:
                assert name not in data, (style, name)
            assert "Olwen" not in data, style
            assert style != "full" or "Clean Air Northbridge" in data
        bad = os.path.join(d, "all.html")
        code, _, err = run("report", "--names=all", src, "-o", bad)
        assert code == 2 and "--names" in err and not os.path.exists(bad), (code, err)


# The web page (export -o OUT.html): one file a councillor or a resident
# opens from an email, with nothing fetched.

VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                 "track", "wbr"}
LINK_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "poster", "data", "srcset",
                   "background", "manifest", "ping"}


class PageParser(html.parser.HTMLParser):
    """The page as a browser's tokenizer sees it: elements, their balance,
    every attribute, and the text of each script."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.elements = [], [], []
        self.scripts, self.hits, self.in_script = [], [], None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.in_script = [dict(attrs), ""]
        if dict(attrs).get("class") == "sm-hit":
            self.hits.append(dict(attrs))
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else ""))
            return
        self.stack.pop()
        if tag == "script":
            self.scripts.append(self.in_script)
            self.in_script = None

    def handle_data(self, data):
        if self.in_script is not None:
            self.in_script[1] += data


def parse_page(path):
    text = open(path, encoding="utf-8").read()
    page = PageParser()
    page.feed(text)
    page.close()
    return text, page


def check_self_contained(text, page):
    assert page.problems == [] and page.stack == [], (page.problems, page.stack)
    assert text.startswith("<!DOCTYPE html>")
    for tag, attrs in page.elements:
        assert tag not in ("link", "iframe", "object", "embed", "base", "img"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in LINK_ATTRIBUTES:
                # Only a place in the page itself.
                assert value is not None and value.startswith("#"), (tag, name, value)
        if tag == "script":
            assert "src" not in attrs, attrs
    assert "javascript:" not in text.lower()
    # No address but the SVG namespaces, which are names, not fetched.
    addresses = set(re.findall(r"https?://[^\s\"'<>)]*", text))
    assert addresses <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, addresses
    csp = [a["content"] for t, a in page.elements
           if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    assert csp and csp[0].startswith("default-src 'none'"), csp
    assert re.search(r"<meta name=\"viewport\"", text)


def page_data(page):
    blobs = [body for attrs, body in page.scripts if attrs.get("type") == "application/json"]
    assert len(blobs) == 1, page.scripts
    return json.loads(blobs[0])


@test
def export_html_is_one_page_with_everything_in_it():
    doc = json.load(open(EXAMPLE))
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "air.html")
        code, _, err = run("export", EXAMPLE, "-o", out)
        assert code == 0, err
        text, page = parse_page(out)
        check_self_contained(text, page)
        assert [t for t, _ in page.elements].count("svg") == 1
        # The page's own ids and the ones cairo writes in the SVG never meet.
        element_ids = [a["id"] for _, a in page.elements if "id" in a]
        assert len(element_ids) == len(set(element_ids)), element_ids
        data = page_data(page)
        hidden = [s for s in doc["stakeholders"] if is_hidden(s)]
        # Every stakeholder in the data, one target over each drawn one,
        # the two by the same ids.
        assert len(data["stakeholders"]) == len(doc["stakeholders"])
        assert len(data["relationships"]) == len(doc["relationships"])
        ids = [s["id"] for s in data["stakeholders"]]
        assert sorted(h["data-id"] for h in page.hits) == sorted(ids), (page.hits, ids)
        # Labels, not the file's values.
        amina = next(s for s in data["stakeholders"] if s["name"] == "Amina")
        fields = dict(amina["fields"])
        assert fields["Kind"] == "Citizen" and fields["Influence"] == "4", fields
        assert hidden and all(s["id"] not in ids for s in hidden)
        # The evaluation's summary, principle by principle.
        assert "How the map measures up" in text
        for principle in ("Sharing power", "Equality and partnership"):
            assert "<strong>%s</strong>" % principle in text, principle
        assert re.search(r"<footer>.*Made with Stakemap on \d{1,2} \w+ \d{4}\.", text, re.S)
        assert '<html lang="en">' in text
        # convert leaves pictures to export; export refuses what a page
        # cannot do.
        code, _, err = run("convert", EXAMPLE, "-o", os.path.join(d, "c.html"))
        assert code == 2 and "export" in err, err
        code, _, err = run("export", EXAMPLE, "-o", out, "--width", "800")
        assert code == 2 and "web page" in err, err
        code, _, err = run("export", EXAMPLE, "-o", os.path.join(d, "ladder.htm"), "--view", "ladder")
        assert code == 0, err


HOSTILE = ["</script><script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
           "<!--", "Tom & Jerry's <b>"]


@test
def export_html_escapes_hostile_names():
    doc = {"format": "stakemap", "version": 1,
           "map": {"title": HOSTILE[0], "question": HOSTILE[1]},
           "stakeholders": [{"id": "h%d" % i, "name": name, "kind": "community_org", "x": i * 120, "y": 0,
                             "notes": name}
                            for i, name in enumerate(HOSTILE)],
           "relationships": [{"id": "r1", "source": "h0", "target": "h1", "label": HOSTILE[1]}]}
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "h.stakemap", json.dumps(doc))
        out = os.path.join(d, "h.html")
        for names in ("consent", "all"):
            code, _, err = run("export", src, "-o", out, "--names", names)
            assert code == 0, err
            text, page = parse_page(out)
            check_self_contained(text, page)
            for name in HOSTILE:
                assert name not in text, name
            # Two scripts: the data and the page's own.
            assert len(page.scripts) == 2, page.scripts
            data = page_data(page)
            assert [s["name"] for s in data["stakeholders"]] == HOSTILE
            assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in text


@test
def export_html_names_follow_consent():
    doc = json.load(open(EXAMPLE))
    doc["stakeholders"].append({"id": "zofia", "name": "Zofia Nowak", "kind": "citizen",
                                "consent_to_be_mapped": False, "x": 950, "y": 700,
                                "notes": "Zofia Nowak asked for this"})
    doc["relationships"].append({"id": "rz", "source": "zofia", "target": doc["stakeholders"][0]["id"],
                                 "label": "Zofia Nowak advises"})
    doc["map"]["title"] = "Air with Zofia Nowak"
    hidden = hidden_names(doc)
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "air.stakemap", json.dumps(doc))
        out = os.path.join(d, "air.html")
        code, _, err = run("export", src, "-o", out)
        assert code == 0, err
        text, page = parse_page(out)
        for name in hidden:
            for word in [name] + [w for w in name.split() if len(w) > 3 and w.isalpha()]:
                assert word not in text, word
        assert "zofia" not in text.lower()
        assert "<title>Air with Participant" in text
        data = page_data(page)
        assert any(s["name"].startswith("Participant ") for s in data["stakeholders"])
        # For the group only: everyone, and the page says so.
        code, _, err = run("export", src, "-o", out, "--names=all")
        assert code == 0, err
        text, page = parse_page(out)
        assert "Zofia Nowak" in text and "for the group only" in text
        assert "Zofia Nowak" in [s["name"] for s in page_data(page)["stakeholders"]]


@test
def export_compare_with_marks_what_changed():
    """A picture of what changed since last year, for the board paper:
    the removed are drawn dashed with their names struck through, and
    someone who has not agreed to be named stays unnamed even removed."""
    now = json.load(open(EXAMPLE))
    old = json.loads(json.dumps(now))
    old["stakeholders"].append({"id": "forum", "name": "Old Residents Forum", "kind": "community_org",
                                "x": 400, "y": 400})
    old["stakeholders"].append({"id": "zofia", "name": "Zofia Nowak", "kind": "citizen",
                                "consent_to_be_mapped": False, "x": 500, "y": 500})
    old["stakeholders"].append({"id": "olwen", "name": "Olwen Pryce", "kind": "citizen",
                                "consent_to_be_mapped": True, "x": 600, "y": 400})
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "now.stakemap", json.dumps(now))
        before = write(d, "last year.stakemap", json.dumps(old))
        plain = os.path.join(d, "plain.svg")
        marked = os.path.join(d, "marked.svg")
        assert run("export", src, "-o", plain)[0] == 0
        code, _, err = run("export", src, "--compare-with", before, "-o", marked)
        assert code == 0, err
        plain_text, marked_text = open(plain).read(), open(marked).read()
        assert "Old Residents Forum" not in plain_text and "Since the other version" not in plain_text
        assert "Old Residents Forum" in marked_text and "Since the other version" in marked_text
        assert "Removed, drawn dashed" in marked_text
        assert "Zofia" not in marked_text and "Olwen Pryce" in marked_text
        # Organisations only: no removed person is named, not even one who agreed.
        code, _, err = run("export", src, "--compare-with", before, "--names=none", "-o", marked)
        assert code == 0, err
        marked_text = open(marked).read()
        assert "Olwen" not in marked_text and "Zofia" not in marked_text
        assert "Old Residents Forum" in marked_text
        code, _, err = run("export", src, "--compare-with", before, "--names=all", "-o", marked)
        assert code == 0 and "Zofia Nowak" in open(marked).read(), err
        # A version that cannot be read: the usual error, nothing written.
        broken = write(d, "broken.stakemap", "{")
        code, _, err = run("export", src, "--compare-with", broken, "-o", os.path.join(d, "x.svg"))
        assert code == 1 and "broken.stakemap" in err and not os.path.exists(os.path.join(d, "x.svg")), err


@test
def export_tiles_across_pages():
    need_pdftotext()
    with tempfile.TemporaryDirectory() as d:
        one = os.path.join(d, "one.pdf")
        many = os.path.join(d, "many.pdf")
        assert run("export", EXAMPLE, "-o", one, "--page=letter", "--portrait")[0] == 0
        assert pdf_pages(one) == 1
        code, _, err = run("export", EXAMPLE, "-o", many, "--tile", "--scale=2", "--page=a4")
        assert code == 0, err
        qpdf_check(many)
        n = pdf_pages(many)
        assert n > 1, n
        # Each sheet says where it goes.
        text = pdf_text(many)
        assert "sheet 1 of %d" % n in text and "sheet %d of %d" % (n, n) in text, text[-400:]


@test
def export_usage_errors_exit_2_and_write_nothing():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out.png")
        pdf = os.path.join(d, "out.pdf")
        for args in (["export"], ["export", EXAMPLE], ["export", EXAMPLE, "-o", os.path.join(d, "out.gif")],
                     ["export", EXAMPLE, "-o", out, "--view=sociogram"],
                     ["export", EXAMPLE, "-o", out, "--width=2000", "--scale=2"],
                     ["export", EXAMPLE, "-o", out, "--width=-5"],
                     ["export", EXAMPLE, "-o", out, "--width=20"],
                     ["export", EXAMPLE, "-o", out, "--width=99999"],
                     ["export", EXAMPLE, "-o", out, "--scale=nan"],
                     ["export", EXAMPLE, "-o", out, "--page=a4"],
                     ["export", EXAMPLE, "-o", out, "--background=pink"],
                     ["export", EXAMPLE, "-o", out, "--names=some"],
                     ["export", EXAMPLE, "-o", pdf, "--width=2000"],
                     ["export", EXAMPLE, "-o", pdf, "--page=a5"],
                     ["export", EXAMPLE, "-o", pdf, "--landscape", "--portrait"],
                     ["export", EXAMPLE, "-o", pdf, "--scale=2"],
                     ["export", EXAMPLE, EXAMPLE, "-o", out],
                     ["convert", EXAMPLE, "-o", out]):
            code, _, err = run(*args)
            assert code == 2, (args, code, err)
            assert err.startswith("stakemap-cli"), err
        assert not os.listdir(d)
        code, text, _ = run("--help")
        assert code == 0 and "export FILE -o OUT" in text
        code, text, _ = run("export", "--help")
        assert code == 0 and "--view" in text and "power-cube" in text


@test
def export_hostile_text_stays_valid():
    import xml.etree.ElementTree as ET
    doc = {"format": "stakemap", "version": 1, "map": {"title": "T\u0007<b>&amp;\"x\""},
           "stakeholders": [{"id": "a", "name": "Ann\u0001\u001b[31m <script>", "consent_to_be_mapped": True,
                             "x": 0, "y": 0},
                            {"id": "b", "name": "\u202eevil\u200b", "kind": "community_org", "x": 100, "y": 0},
                            {"id": "c", "name": "x" * 5000, "kind": "funder", "x": 0, "y": 100}]}
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "hostile.stakemap", json.dumps(doc))
        svg = os.path.join(d, "h.svg")
        code, _, err = run("export", src, "-o", svg)
        assert code == 0, err
        root = ET.parse(svg).getroot()
        words = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert "<script>" in words and "\u0001" not in words, words[:200]
        if shutil.which("rsvg-convert"):
            p = subprocess.run(["rsvg-convert", svg, "-o", os.path.join(d, "h.png")], capture_output=True, timeout=60)
            assert p.returncode == 0, p.stderr
        pdf = os.path.join(d, "h.pdf")
        assert run("export", src, "-o", pdf)[0] == 0
        qpdf_check(pdf)


@test
def export_places_who_has_no_position():
    """As the app does on opening: a map from a script, without positions,
    is laid out, not drawn empty."""
    with tempfile.TemporaryDirectory() as d:
        src = write(d, "bare.stakemap", minimal())
        svg = os.path.join(d, "bare.svg")
        code, _, err = run("export", "--names=all", src, "-o", svg)
        assert code == 0, err
        text = open(svg, encoding="utf-8").read()
        assert ">Ann<" in text and ">Bob<" in text, text[-800:]
        assert "No stakeholder is on the map yet" not in text
        # The project file itself is not touched.
        assert json.load(open(src)) == json.loads(minimal())


@test
def export_bad_input_exit_1_and_keep_what_was_there():
    with tempfile.TemporaryDirectory() as d:
        bad = write(d, "bad.stakemap", '{"format": "stakemap", "version": 1, "stakeholders": [{"id": 1}]}')
        out = os.path.join(d, "out.png")
        code, _, err = run("export", bad, "-o", out)
        assert code == 1 and "bad.stakemap" in err, (code, err)
        assert not os.path.exists(out)
        # Too large to make: said, and the earlier picture is kept.
        write(d, "out.png", b"earlier")
        code, _, err = run("export", EXAMPLE, "-o", out, "--scale=60")
        assert code == 1 and "PNG" in err, (code, err)
        assert open(out, "rb").read() == b"earlier"
        code, _, err = run("export", EXAMPLE, "-o", out, "--only=nobody")
        assert code == 1 and "nobody" in err, (code, err)
        assert open(out, "rb").read() == b"earlier"


@test
def report_plain_language():
    need_pdftotext()
    doc = json.load(open(EXAMPLE))
    with tempfile.TemporaryDirectory() as d:
        path = with_evaluation(d, EXAMPLE, "air.stakemap", dict(EXAMPLE_RESPONSES, **{
            "thresholds": {"sp01.fail_ratio": 2.5},
            "threshold_log": [{"key": "sp01.fail_ratio", "old": 2, "new": 2.5, "by": "Lena",
                               "at": "2025-03-20T18:30:00Z", "reason": "Agreed at the March workshop."}]}))
        out = os.path.join(d, "plain.pdf")
        code, stdout, err = run("report", "--style=plain", path, "-o", out)
        assert code == 0 and stdout == "" and err == "", (code, err)
        qpdf_check(out)
        text = pdf_text(out)
        flat = squash(text)
        result = evaluation(path)
        assert "plain-language version" in text
        for p in result["principles"]:
            assert squash(p["name"]) in flat, p["name"]
            assert squash(PRINCIPLE_LABELS[p["status"]]) in flat, p["status"]
        for r in result["rules"]:
            if r["status"] in ("warn", "fail"):
                assert squash(r["action"]) in flat, r["id"]
        assert "These look OK:" in text
        # the group's words are kept; the apparatus is not
        assert squash("Take this to the April steering group with the bus company.") in flat
        for apparatus in ("Measured:", "[J]", "Thresholds in use", "Indicative index", "sp01.warn_ratio"):
            assert apparatus not in text, apparatus
        # a threshold the group changed, in words, with who and why
        assert squash("“Needs attention” ratio (SP-01): 2 → 2.5, by Lena on 2025-03-20") in flat, text[-1500:]
        for name in hidden_names(doc):
            assert name not in text, name
        # Shorter than the full report, which has everything.
        full = os.path.join(d, "full.pdf")
        assert run("report", path, "-o", full)[0] == 0
        assert pdf_pages(out) < pdf_pages(full)


@test
def report_and_evaluate_count_a_principles_checks_alike():
    # One check of Sharing power could run, and it needs attention: the
    # command line and every style of report say so in the same words, the
    # ones the app's card shows, and never "0 of 1" beside "0 of 4".
    need_pdftotext()
    doc = {"format": "stakemap", "version": 1,
           "stakeholders": [{"id": "s1", "name": "Council", "kind": "commissioner", "influence": 9},
                            {"id": "s2", "name": "Tenants", "kind": "service_user", "influence": 2}],
           "relationships": [{"id": "r1", "source": "s1", "target": "s2"}]}
    sentences = [
        "Not enough to judge yet — 1 of 4 checks could run, and it needs attention",
        "Not enough to judge yet — none of its 4 checks could run",
        "0 of the 2 checks that could run look OK; 2 more could not run yet",
    ]
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "one-check.stakemap", json.dumps(doc))
        code, out, err = run("evaluate", path)
        assert code == 0, err
        for sentence in sentences:
            assert "    %s\n" % sentence in out, (sentence, out)
        for style in ("full", "plain", "easy-read"):
            pdf = os.path.join(d, style + ".pdf")
            code, _, err = run("report", "--style=" + style, path, "-o", pdf)
            assert code == 0, (style, err)
            flat = squash(pdf_text(pdf))
            for sentence in sentences:
                assert squash(sentence) in flat, (style, sentence)
            assert squash("of 1 check") not in flat, style


@test
def report_easy_read():
    need_pdftotext()
    doc = json.load(open(EXAMPLE))
    with tempfile.TemporaryDirectory() as d:
        path = with_evaluation(d, EXAMPLE, "air.stakemap", EXAMPLE_RESPONSES)
        out = os.path.join(d, "easy.pdf")
        code, _, err = run("report", "--style=easy-read", path, "-o", out)
        assert code == 0 and err == "", (code, err)
        qpdf_check(out)
        text = pdf_text(out)
        flat = squash(text)
        assert "Easy read" in text and "What next" in text and "You could:" in text
        for name in EASY_NAMES:
            assert squash(name) in flat, name
        assert squash("Take this to the April steering group with the bus company.") in flat
        for apparatus in ("SP-01", "[J]", "threshold", "Measured", "S6"):
            assert apparatus not in text, apparatus
        for name in hidden_names(doc):
            assert name not in text, name
        # Large type: no body word under 14 pt (the footer is smaller; the
        # drawn map has its own legend).
        for width, height, words in word_boxes(out):
            if [w[4] for w in words[:2]] == ["Your", "map"]:
                continue
            body = [w for w in words if w[3] < height - MARGIN + 4]
            assert body, "an empty page"
            smallest = min(y1 - y0 for x0, y0, x1, y1, _ in body)
            assert smallest >= 14, smallest


class Page(html.parser.HTMLParser):
    """The parts of an HTML report a test looks at: the open elements
    balance, the text, and the images."""

    VOID = {"meta", "img", "br", "link", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.stack, self.text, self.images, self.headings = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if self.stack and self.stack[-1] in ("h1", "h2", "h3", "h4"):
            self.headings.append(data)


def read_page(path):
    page = Page()
    page.feed(open(path, encoding="utf-8").read())
    page.close()
    assert not page.stack, page.stack
    return page


@test
def report_html():
    doc = json.load(open(EXAMPLE))
    with tempfile.TemporaryDirectory() as d:
        path = with_evaluation(d, EXAMPLE, "air.stakemap", EXAMPLE_RESPONSES)
        out = os.path.join(d, "air.html")
        code, stdout, err = run("report", path, "-o", out)
        assert code == 0 and stdout == "" and err == "", (code, err)
        page = read_page(out)
        text = " ".join(page.text)
        flat = squash(text)
        result = evaluation(path)
        for p in result["principles"]:
            assert squash(p["name"]) in flat
        for r in result["rules"]:
            assert r["id"] in text
            if r["status"] in ("warn", "fail", "info", "insufficient_data"):
                assert squash(r["action"]) in flat, r["id"]
        assert squash("Take this to the April steering group with the bus company.") in flat
        assert "Thresholds in use" in page.headings
        assert "Why this matters:" in text and squash("placation") in flat
        # The map is the renderer's SVG, inside the page, with words for those who can't see it.
        assert len(page.images) == 1
        image = page.images[0]
        assert image["src"].startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(image["src"].split(",", 1)[1])
        assert b"<svg" in svg[:400], svg[:200]
        assert "stakeholders" in image["alt"]
        assert "The map as a table" in text
        for s in doc["stakeholders"]:
            if s["name"] not in hidden_names(doc):
                assert s["name"] in text, s["name"]
        for name in hidden_names(doc):
            assert name not in text and name not in open(out, encoding="utf-8").read(), name
        # Nothing is fetched from elsewhere.
        assert not re.search(r'(src|href)="(https?:)?//', open(out, encoding="utf-8").read())

        # --format decides when the name doesn't; easy read as a page too
        other = os.path.join(d, "for-the-group")
        code, _, err = run("report", "--format=html", "--style=easy-read", path, "-o", other)
        assert code == 0, err
        easy = read_page(other)
        for name in EASY_NAMES:
            assert name in easy.headings[2:] or any(name in h for h in easy.headings), name
        assert "What next" in easy.headings


@test
def report_replaces_an_earlier_report():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "r.pdf")
        write(d, "r.pdf", "not a pdf yet")
        code, _, err = run("report", WORKED, "-o", out)
        assert code == 0, err
        assert open(out, "rb").read(5) == b"%PDF-"
        assert sorted(os.listdir(d)) == ["r.pdf"], os.listdir(d)


# Long work: progress on a terminal, Ctrl+C

def big_map(n, seed=7):
    """A network of n stakeholders with a few hubs (preferential
    attachment, like tests/bench): evaluating 20,000 takes seconds,
    most of it measuring betweenness."""
    import random
    rng = random.Random(seed)
    people = [{"id": "s%d" % i, "name": "Stakeholder %d" % i,
               "kind": "service_user" if i % 3 == 0 else "professional"} for i in range(n)]
    ties, targets = [], [0]
    for i in range(1, n):
        for _ in range(2):
            j = rng.choice(targets)
            if j != i:
                ties.append({"id": "r%d" % len(ties), "source": "s%d" % i, "target": "s%d" % j})
                targets.append(j)
        targets.append(i)
    return json.dumps({"format": "stakemap", "version": 1, "stakeholders": people,
                       "relationships": ties})


def interrupt(d, *args):
    """Starts a long command, lets it get going, presses Ctrl+C."""
    import signal
    import time
    path = write(d, "big.stakemap", big_map(20000))
    p = subprocess.Popen([CLI, *args, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, cwd=d)
    time.sleep(2)
    assert p.poll() is None, "finished before it could be interrupted"
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    return p.returncode, out, err


@test
def ctrl_c_stops_evaluate_cleanly():
    with tempfile.TemporaryDirectory() as d:
        code, out, err = interrupt(d, "evaluate", "--format=json")
        assert code == 130, (code, err)
        assert out == "", out
        assert err == "stakemap-cli: interrupted\n", err


@test
def ctrl_c_stops_metrics_cleanly():
    with tempfile.TemporaryDirectory() as d:
        code, out, err = interrupt(d, "metrics")
        assert code == 130, (code, err)
        assert out == "", out
        assert err == "stakemap-cli: interrupted\n", err


@test
def ctrl_c_leaves_no_report_behind():
    with tempfile.TemporaryDirectory() as d:
        code, out, err = interrupt(d, "report", "-o", os.path.join(d, "r.pdf"))
        assert code == 130, (code, err)
        assert err == "stakemap-cli: interrupted\n", err
        assert sorted(os.listdir(d)) == ["big.stakemap"], os.listdir(d)


@test
def progress_only_on_a_terminal():
    """Long work shows one line of progress on a terminal, rewritten in
    place and cleared at the end; piped, stderr stays clean."""
    import pty
    with tempfile.TemporaryDirectory() as d:
        path = write(d, "big.stakemap", big_map(20000))
        code, out, err = run("evaluate", path)
        assert code == 0, err
        assert err == "", err
        expected = out

        master, slave = pty.openpty()
        # stdout to a file: a full pipe nobody reads would block the command
        stdout = open(os.path.join(d, "out.txt"), "w+b")
        p = subprocess.Popen([CLI, "evaluate", path], stdout=stdout, stderr=slave)
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        p.wait(timeout=120)
        os.close(master)
        stdout.seek(0)
        out = stdout.read()
        stdout.close()
        assert p.returncode == 0
        assert out.decode() == expected
        text = seen.decode()
        assert "Measuring the network" in text and "%" in text, text
        # cleared at the end: the last thing written wipes the line
        assert text.endswith("\r\x1b[K"), repr(text[-40:])


def diff_pair(d):
    a = {"format": "stakemap", "version": 1, "map": {"title": "Air"},
         "stakeholders": [{"id": "amina", "name": "Amina", "influence": 4, "x": 0, "y": 0},
                          {"id": "begum", "name": "Cllr Begum", "x": 5, "y": 5}],
         "relationships": [{"id": "r30", "source": "amina", "target": "begum"}]}
    b = json.loads(json.dumps(a))
    b["stakeholders"][0]["influence"] = 6
    b["stakeholders"][1]["x"] = 50
    b["relationships"] = [{"id": "r31", "source": "begum", "target": "amina"}]
    return (write(d, "a.stakemap", json.dumps(a)), write(d, "b.stakemap", json.dumps(b)))


@test
def diff_text_names_changes():
    with tempfile.TemporaryDirectory() as d:
        a, b = diff_pair(d)
        code, out, err = run("diff", a, b)
        assert code == 0, (code, err)
        assert out == ("Stakeholder \u201cAmina\u201d (amina): influence 4 \u2192 6\n"
                       "Added relationship Cllr Begum \u2192 Amina (r31)\n"
                       "Removed relationship Amina \u2192 Cllr Begum (r30)\n"
                       "1 stakeholder moved\n"), out


@test
def diff_json_shape():
    with tempfile.TemporaryDirectory() as d:
        a, b = diff_pair(d)
        code, out, err = run("diff", "--format=json", a, b)
        assert code == 0, (code, err)
        doc = json.loads(out)
        assert doc["a"] == a and doc["b"] == b
        assert doc["moved"] == {"stakeholders": 1, "annotations": 0, "regions": 0}, doc["moved"]
        changes = [(c["kind"], c["id"], c["change"], c["name"]) for c in doc["changes"]]
        assert changes == [("stakeholder", "amina", "changed", "Amina"),
                           ("relationship", "r31", "added", "Cllr Begum \u2192 Amina"),
                           ("relationship", "r30", "removed", "Amina \u2192 Cllr Begum")], changes
        assert doc["changes"][0]["fields"] == [{"path": "influence", "old": 4, "new": 6}]


@test
def diff_exit_code():
    with tempfile.TemporaryDirectory() as d:
        a, b = diff_pair(d)
        assert run("diff", "--exit-code", a, b)[0] == 3
        code, out, _ = run("diff", "--exit-code", a, a)
        assert (code, out) == (0, ""), (code, out)
        assert run("diff", a, b)[0] == 0
        assert run("diff", a)[0] == 2
        assert run("diff", "--format=xml", a, b)[0] == 2


@test
def diff_bad_file_as_check_says():
    with tempfile.TemporaryDirectory() as d:
        a, _ = diff_pair(d)
        bad = write(d, "bad.stakemap", '{"format": "stakemap", "version": 1,\n  "stakeholders": [}')
        code, out, err = run("diff", "--exit-code", a, bad)
        assert code == 1 and out == "", (code, out)
        _, _, check_err = run("check", bad)
        first = check_err.splitlines()[0]
        assert err.splitlines()[0] == first and "line 2" in first, (err, first)


@test
def diff_as_git_diff_driver():
    git = shutil.which("git")
    if git is None:
        raise Skip("git is not installed")
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=d, GIT_AUTHOR_NAME="T",
                   GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="T",
                   GIT_COMMITTER_EMAIL="t@example.org")

        def g(*args):
            return subprocess.run([git, *args], cwd=d, env=env, capture_output=True,
                                  text=True, timeout=60, check=True).stdout

        g("init", "-q")
        # the lines docs/cli.md gives
        write(d, ".gitattributes", "*.stakemap diff=stakemap\n")
        g("config", "diff.stakemap.command", CLI + " diff")
        a, b = diff_pair(d)
        os.replace(a, os.path.join(d, "map.stakemap"))
        g("add", ".")
        g("commit", "-qm", "first")
        os.replace(b, os.path.join(d, "map.stakemap"))
        out = g("diff")
        assert "stakemap diff map.stakemap" in out, out
        assert "Stakeholder \u201cAmina\u201d (amina): influence 4 \u2192 6" in out, out
        assert '"influence"' not in out, out

def merge_three(d, ours_edit, theirs_edit):
    base = {"format": "stakemap", "version": 1, "map": {"title": "Air"},
            "stakeholders": [{"id": "amina", "name": "Amina", "influence": 4, "x": 0, "y": 0},
                             {"id": "begum", "name": "Cllr Begum", "influence": 8, "x": 5, "y": 5}],
            "relationships": [{"id": "r30", "source": "amina", "target": "begum"}]}
    ours = json.loads(json.dumps(base))
    theirs = json.loads(json.dumps(base))
    ours_edit(ours)
    theirs_edit(theirs)
    return (write(d, "base.stakemap", json.dumps(base)), write(d, "ours.stakemap", json.dumps(ours)),
            write(d, "theirs.stakemap", json.dumps(theirs)))


def set_member(index, member, value):
    def edit(doc):
        doc["stakeholders"][index][member] = value
    return edit


def add_stakeholder(doc):
    doc["stakeholders"].append({"id": "bo", "name": "Bo"})


def stakeholder(path, sid):
    with open(path) as f:
        doc = json.load(f)
    return next((s for s in doc["stakeholders"] if s["id"] == sid), None)


@test
def merge_clean_writes_into_ours():
    with tempfile.TemporaryDirectory() as d:
        base, ours, theirs = merge_three(d, set_member(0, "influence", 6), add_stakeholder)
        code, out, err = run("merge", base, ours, theirs)
        assert code == 0, (code, out, err)
        assert out == "Merged into %s: 1 added, 0 removed, 0 changed, 0 moved\n" % ours, out
        assert stakeholder(ours, "amina")["influence"] == 6
        assert stakeholder(ours, "bo")["name"] == "Bo"
        assert run("check", ours)[0] == 0
        assert not os.path.exists(ours + "~"), "a merge driver leaves no backup behind"


@test
def merge_conflict_text_exit_3_and_output_file():
    with tempfile.TemporaryDirectory() as d:
        base, ours, theirs = merge_three(d, set_member(0, "influence", 6), set_member(0, "influence", 2))
        with open(ours) as f:
            before = f.read()
        out_path = os.path.join(d, "out.stakemap")
        code, out, err = run("merge", base, ours, theirs, "-o", out_path)
        assert code == 3, (code, out, err)
        assert ("Conflict: Stakeholder \u201cAmina\u201d (amina): influence: base 4, ours 6, theirs 2; "
                "ours kept\n") in out, out
        assert "1 conflict: ours kept" in out, out
        assert stakeholder(out_path, "amina")["influence"] == 6
        with open(ours) as f:
            assert f.read() == before, "-o leaves OURS as it was"


@test
def merge_json_shape():
    with tempfile.TemporaryDirectory() as d:
        def theirs_edit(doc):
            doc["stakeholders"] = doc["stakeholders"][:1]
            doc["relationships"] = []
            doc["stakeholders"][0]["influence"] = 2

        def ours_edit(doc):
            doc["stakeholders"][0]["influence"] = 6
            doc["stakeholders"][1]["name"] = "Cllr Y. Begum"

        base, ours, theirs = merge_three(d, ours_edit, theirs_edit)
        out_path = os.path.join(d, "out.stakemap")
        code, out, err = run("merge", "--format=json", base, ours, theirs, "-o", out_path)
        assert code == 3, (code, out, err)
        doc = json.loads(out)
        assert (doc["base"], doc["ours"], doc["theirs"], doc["output"]) == (base, ours, theirs, out_path)
        assert doc["merged"] == {"added": 0, "removed": 0, "changed": 0, "moved": 0}, doc["merged"]
        got = [(c["kind"], c["id"], c["name"], c["path"], c["kept"], c["move"]) for c in doc["conflicts"]]
        # her tie, which theirs deleted with her, is in conflict with her
        assert got == [("stakeholder", "amina", "Amina", "influence", "ours", False),
                       ("stakeholder", "begum", "Cllr Y. Begum", None, "ours", False),
                       ("relationship", "r30", "Amina \u2192 Cllr Y. Begum", None, "ours", False)], got
        assert (doc["conflicts"][0]["base"], doc["conflicts"][0]["ours"], doc["conflicts"][0]["theirs"]) == (4, 6, 2)
        assert doc["conflicts"][1]["theirs"] is None and doc["conflicts"][1]["ours"]["name"] == "Cllr Y. Begum"
        assert doc["notes"] == []
        # ours kept her, and her tie
        assert stakeholder(out_path, "begum") is not None
        with open(out_path) as f:
            assert [r["id"] for r in json.load(f)["relationships"]] == ["r30"]
        assert run("check", out_path)[0] == 0


@test
def merge_bad_file_writes_nothing():
    with tempfile.TemporaryDirectory() as d:
        base, ours, theirs = merge_three(d, set_member(0, "influence", 6), add_stakeholder)
        bad = write(d, "bad.stakemap", '{"format": "stakemap", "version": 1,\n  "stakeholders": [}')
        with open(ours) as f:
            before = f.read()
        for args in ((base, ours, bad), (bad, ours, theirs), (base, bad, theirs)):
            code, out, err = run("merge", *args)
            assert code == 1 and out == "", (code, out, err)
            _, _, check_err = run("check", bad)
            assert err.splitlines()[0] == check_err.splitlines()[0], (err, check_err)
        with open(ours) as f:
            assert f.read() == before
        assert run("merge", base, ours)[0] == 2
        assert run("merge", "--format=xml", base, ours, theirs)[0] == 2
        with open(ours) as f:
            assert f.read() == before


@test
def merge_from_an_empty_base():
    # git gives an empty base when both branches added the file
    with tempfile.TemporaryDirectory() as d:
        base, ours, theirs = merge_three(d, lambda doc: None, add_stakeholder)
        write(d, "base.stakemap", "")
        code, out, err = run("merge", base, ours, theirs)
        assert code == 0, (code, out, err)
        assert stakeholder(ours, "bo")["name"] == "Bo" and stakeholder(ours, "amina") is not None


@test
def merge_as_git_merge_driver():
    git = shutil.which("git")
    if git is None:
        raise Skip("git is not installed")
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=d, GIT_AUTHOR_NAME="T",
                   GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="T",
                   GIT_COMMITTER_EMAIL="t@example.org")

        def g(*args, check=True):
            return subprocess.run([git, *args], cwd=d, env=env, capture_output=True,
                                  text=True, timeout=60, check=check)

        def commit_edit(branch, edit):
            g("checkout", "-q", branch)
            path = os.path.join(d, "map.stakemap")
            with open(path) as f:
                doc = json.load(f)
            edit(doc)
            with open(path, "w") as f:
                json.dump(doc, f, indent=2)
            g("commit", "-qam", "edit " + branch)

        g("init", "-q", "-b", "main")
        # the lines docs/cli.md gives
        write(d, ".gitattributes", "*.stakemap merge=stakemap\n")
        g("config", "merge.stakemap.name", "Stakemap three-way merge")
        g("config", "merge.stakemap.driver", CLI + " merge %O %A %B")
        with tempfile.TemporaryDirectory() as e:
            base, _, _ = merge_three(e, lambda doc: None, lambda doc: None)
            shutil.copy(base, os.path.join(d, "map.stakemap"))
        g("add", ".")
        g("commit", "-qm", "first")
        g("branch", "other")
        g("branch", "clash")

        # different fields: a clean merge, with both edits
        commit_edit("other", set_member(1, "name", "Cllr Y. Begum"))
        commit_edit("main", set_member(0, "influence", 6))
        p = g("merge", "-q", "--no-edit", "other", check=False)
        assert p.returncode == 0, (p.stdout, p.stderr)
        path = os.path.join(d, "map.stakemap")
        assert stakeholder(path, "amina")["influence"] == 6
        assert stakeholder(path, "begum")["name"] == "Cllr Y. Begum"
        assert g("status", "--porcelain").stdout == "", g("status", "--porcelain").stdout

        # the same field: git says the merge failed, the file holds ours
        commit_edit("clash", set_member(0, "influence", 2))
        g("checkout", "-q", "main")
        p = g("merge", "-q", "--no-edit", "clash", check=False)
        assert p.returncode != 0, (p.stdout, p.stderr)
        assert "CONFLICT" in p.stdout + p.stderr and "map.stakemap" in p.stdout + p.stderr, (p.stdout, p.stderr)
        assert "influence: base 4, ours 6, theirs 2" in p.stdout + p.stderr, (p.stdout, p.stderr)
        assert stakeholder(path, "amina")["influence"] == 6
        assert stakeholder(path, "begum")["name"] == "Cllr Y. Begum"
        assert "<<<<<<<" not in open(path).read()
        assert "UU map.stakemap" in g("status", "--porcelain").stdout


# Workbooks (.xlsx). openpyxl, as Debian packages it, writes Kumu-style
# workbooks and reads ours; it may live only in the system's python3.
def openpyxl_python():
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import openpyxl"], capture_output=True).returncode == 0:
            return python
    raise Skip("openpyxl is not installed")


def run_python(python, script, *args):
    p = subprocess.run([python, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return p.stdout


EXAMPLE = os.path.join(TOP, "data", "examples", "neighbourhood-air.stakemap")


@test
def convert_xlsx_round_trip_keeps_everything():
    with tempfile.TemporaryDirectory() as d:
        book = os.path.join(d, "air.xlsx")
        code, _, err = run("convert", "--names=all", EXAMPLE, "-o", book)
        assert code == 0, err
        with open(book, "rb") as f:
            assert f.read(2) == b"PK"
        back = os.path.join(d, "back.stakemap")
        code, _, err = run("convert", book, "-o", back)
        assert code == 0, err
        assert err == "", err
        original = json.load(open(EXAMPLE))
        doc = json.load(open(back))
        for kind in ("stakeholders", "relationships"):
            assert [r["id"] for r in doc[kind]] == [r["id"] for r in original[kind]], kind
        assert [s["name"] for s in doc["stakeholders"]] == [s["name"] for s in original["stakeholders"]]
        for a, b in zip(original["relationships"], doc["relationships"]):
            assert (a["source"], a["target"], a.get("direction", "one_way")) == \
                (b["source"], b["target"], b.get("direction", "one_way"))
        # Nothing less than the CSV tables carry back.
        csv = os.path.join(d, "air.csv")
        assert run("convert", "--names=all", EXAMPLE, "-o", csv)[0] == 0
        back_csv = os.path.join(d, "back-csv.stakemap")
        code, _, err = run("convert", csv, "--relationships", os.path.join(d, "air.relationships.csv"),
                           "-o", back_csv)
        assert code == 0, err
        doc_csv = json.load(open(back_csv))
        for kind in ("stakeholders", "relationships"):
            assert doc[kind] == doc_csv[kind], kind


@test
def xlsx_reads_in_openpyxl():
    python = openpyxl_python()
    with tempfile.TemporaryDirectory() as d:
        book = os.path.join(d, "air.xlsx")
        code, _, err = run("convert", EXAMPLE, "-o", book)
        assert code == 0, err
        out = json.loads(run_python(python, """
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
sheets = {}
for ws in wb:
    rows = list(ws.iter_rows(values_only=True))
    sheets[ws.title] = {"header": list(rows[0]), "rows": len(rows) - 1,
                        "bold": all(c.font.b for c in ws[1]), "freeze": ws.freeze_panes,
                        "column": {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}}
print(json.dumps(sheets, default=str))
""", book))
        original = json.load(open(EXAMPLE))
        assert list(out) == ["Stakeholders", "Relationships"], list(out)
        people, ties = out["Stakeholders"], out["Relationships"]
        assert people["rows"] == len(original["stakeholders"])
        assert ties["rows"] == len(original["relationships"])
        for sheet in (people, ties):
            assert sheet["bold"] and sheet["freeze"] == "A2", (sheet["bold"], sheet["freeze"])
        # Numbers as numbers, ids as written; names follow consent.
        assert people["column"]["influence"] == [s.get("influence") for s in original["stakeholders"]]
        assert ties["column"]["source"] == [r["source"] for r in original["relationships"]]
        names = people["column"]["name"]
        hidden = [s["name"] for s, shown in zip(original["stakeholders"], names) if shown != s["name"]]
        assert hidden and "Participant 1" in names, names
        for shown, s in zip(names, original["stakeholders"]):
            assert shown == s["name"] or re.fullmatch(r"Participant \d+", shown), shown
        for name in hidden:
            assert name not in names, name


@test
def convert_kumu_xlsx_from_openpyxl():
    python = openpyxl_python()
    with tempfile.TemporaryDirectory() as d:
        book = os.path.join(d, "kumu.xlsx")
        run_python(python, """
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Elements"
for row in (["Label", "Type", "Description", "Tags"], ["Amna", "Funder", "Pays for the hall", "money"],
            ["Council", "Volunteer", None, None], ["Residents", None, None, None]):
    ws.append(row)
ws = wb.create_sheet("Connections")
for row in (["From", "To", "Type", "Direction"], ["Amna", "Council", "funds", "directed"],
            ["Council", "Residents", None, "mutual"]):
    ws.append(row)
wb.create_sheet("Loops").append(["a loop"])
wb.save(sys.argv[1])
""", book)
        out = os.path.join(d, "kumu.stakemap")
        code, _, err = run("convert", book, "-o", out)
        assert code == 0, err
        doc = json.load(open(out))
        assert [s["name"] for s in doc["stakeholders"]] == ["Amna", "Council", "Residents"]
        assert doc["stakeholders"][0]["kind"] == "funder"
        assert doc["stakeholders"][0]["notes"] == "Pays for the hall"
        assert [r.get("direction") for r in doc["relationships"]] == ["one_way", "two_way"]
        assert "kumu.xlsx: warning: Elements!B3: \"Volunteer\" is not a stakeholder kind" in err, err
        assert "kumu.xlsx: warning: Loops: this sheet was not read" in err, err

        # A connection to nobody: refused, naming the cell.
        run_python(python, """
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb["Connections"].append(["Amna", "Nobody", None, None])
wb.save(sys.argv[1])
""", book)
        code, _, err = run("convert", book, "-o", out)
        assert code == 1
        assert err == 'stakemap-cli: %s: Connections!B4: no stakeholder is called "Nobody"\n' % book, err


@test
def convert_refuses_what_is_no_workbook():
    with tempfile.TemporaryDirectory() as d:
        bad = write(d, "people.xlsx", "name\nAnn\n")
        code, _, err = run("convert", bad, "-o", os.path.join(d, "out.stakemap"))
        assert code == 1
        assert err.startswith("stakemap-cli: %s: this is not an .xlsx workbook" % bad), err
        assert not os.path.exists(os.path.join(d, "out.stakemap"))


def main():
    print("1..%d" % len(results))
    failed = 0
    for i, fn in enumerate(results, 1):
        try:
            fn()
            print("ok %d %s" % (i, fn.__name__))
        except Skip as e:
            print("ok %d %s # SKIP %s" % (i, fn.__name__, e))
        except Exception as e:  # report and go on
            failed += 1
            print("not ok %d %s" % (i, fn.__name__))
            for line in repr(e).splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
