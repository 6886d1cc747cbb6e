#!/usr/bin/env python3
# reference.py
#
# Copyright 2026 The Stakemap developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Computes the expected values that tests/test-graph.c compares SmGraph
# against.  The test never runs this script; it reads the files written here.
#
#   python3 reference.py               # read NAME.edges, write NAME.expected
#   python3 reference.py --write-edges # first regenerate NAME.edges as well
#
# Needs networkx (checked with 3.x).  Every graph is treated as an unweighted,
# undirected simple graph, which is what SmGraph models.

import math
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))

# Each graph's in_group predicate takes the node name as written in NAME.edges.

# Padgett's Medici-side families (Padgett & Ansell 1993), used as the E-I group.
FLORENTINE_GROUP = {"Medici", "Acciaiuoli", "Barbadori", "Ridolfi",
                    "Tornabuoni", "Albizzi", "Salviati"}


def florentine():
    G = nx.florentine_families_graph()
    return (G, "Padgett's Florentine families, marriage ties "
               "(networkx.florentine_families_graph(); no Pucci isolate)",
            lambda name: name in FLORENTINE_GROUP)


def karate():
    G = nx.karate_club_graph()
    return (G, "Zachary's karate club (networkx.karate_club_graph(), "
               "weights dropped); group = members who sided with Mr. Hi",
            lambda name: G.nodes[int(name)]["club"] == "Mr. Hi")


def lesmis():
    G = nx.les_miserables_graph()
    names = list(G.nodes())
    first_third = set(names[: len(names) // 3])
    return (G, "Les Miserables co-appearances (networkx.les_miserables_graph(), "
               "weights dropped); group = first third of the nodes",
            lambda name: name in first_third)


def barbell():
    G = nx.barbell_graph(4, 1)
    return (G, "networkx.barbell_graph(4, 1): two K4 joined through one node",
            lambda name: int(name) < 4)


def forest():
    G = nx.Graph()
    G.add_nodes_from(range(10))
    G.add_edges_from([(0, 1), (1, 2), (3, 4), (4, 5), (5, 3), (8, 9)])
    return (G, "a path, a triangle, an edge and two isolates (6, 7)",
            lambda name: name in ("0", "3", "6"))


def worked_example():
    # principles.md §9: one edge per related pair; MGR-SUA carries three
    # relationships and CPN-SUA, RES-SUA two directions, all one edge here.
    G = nx.Graph()
    G.add_nodes_from(["COM", "MGR", "CPN", "RES", "CLR", "SUA", "SUB", "CAR", "PSG"])
    G.add_edges_from([("COM", "MGR"), ("MGR", "CPN"), ("CPN", "SUA"), ("CPN", "SUB"),
                      ("RES", "SUA"), ("RES", "MGR"), ("SUA", "PSG"), ("CAR", "SUB"),
                      ("CLR", "COM"), ("MGR", "SUA"), ("SUA", "MGR"), ("MGR", "SUA"),
                      ("PSG", "RES")])
    return (G, "the worked example of principles.md §9 as an undirected simple graph; "
               "group = community side",
            lambda name: name in ("SUA", "SUB", "CAR", "PSG"))


GRAPHS = {
    "worked-example": worked_example,
    "florentine": florentine,
    "karate": karate,
    "lesmis": lesmis,
    "barbell": barbell,
    "forest": forest,
}


def write_edges(name, G, description):
    names = list(G.nodes())
    index = {v: i for i, v in enumerate(names)}
    with open(os.path.join(HERE, name + ".edges"), "w") as f:
        f.write(f"# {name}.edges: {description}\n")
        f.write("# Written by reference.py --write-edges.  Format: 'nodes N', then\n"
                "# 'node INDEX NAME' lines, then one 'A B' line per undirected edge.\n")
        f.write(f"nodes {len(names)}\n")
        for v in names:
            f.write(f"node {index[v]} {v}\n")
        for a, b in sorted(tuple(sorted((index[u], index[v]))) for u, v in G.edges()):
            f.write(f"{a} {b}\n")


def read_edges(name):
    G = nx.Graph()
    names = {}
    with open(os.path.join(HERE, name + ".edges")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = line.split()
            if fields[0] == "nodes":
                G.add_nodes_from(range(int(fields[1])))
            elif fields[0] == "node":
                names[int(fields[1])] = " ".join(fields[2:])
            else:
                a, b = int(fields[0]), int(fields[1])
                if a != b:  # SmGraph ignores self-loops
                    G.add_edge(a, b)
    return G, names


def degree_centralization(G):
    n = G.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in G.degree()]
    dmax = max(degrees)
    return sum(dmax - d for d in degrees) / ((n - 1) * (n - 2))


def ei_index(G, group):
    e = i = 0
    for a, b in G.edges():
        inside = (a in group) + (b in group)
        if inside == 2:
            i += 1
        elif inside == 1:
            e += 1
    return (e - i) / (e + i) if e + i else math.nan


def fmt(x):
    return "nan" if math.isnan(x) else repr(float(x))


def write_expected(name, G, names, in_group):
    nodes = sorted(G.nodes())
    group = sorted(v for v in nodes if in_group(names.get(v, str(v))))
    bc = nx.betweenness_centrality(G)  # normalized=True, unweighted
    comps = sorted((sorted(c) for c in nx.connected_components(G)), key=min)
    comm = sorted((sorted(c) for c in nx.community.greedy_modularity_communities(G)),
                  key=min)
    with open(os.path.join(HERE, name + ".expected"), "w") as f:
        f.write(f"# {name}.expected: written by reference.py with networkx "
                f"{nx.__version__}; do not edit.\n")
        f.write(f"n_nodes {G.number_of_nodes()}\n")
        f.write(f"n_edges {G.number_of_edges()}\n")
        f.write("degree " + " ".join(str(G.degree(v)) for v in nodes) + "\n")
        f.write("betweenness " + " ".join(fmt(bc[v]) for v in nodes) + "\n")
        for c in comps:
            f.write("component " + " ".join(map(str, c)) + "\n")
        f.write("articulation " + " ".join(map(str, sorted(nx.articulation_points(G)))) + "\n")
        f.write(f"degree_centralization {fmt(degree_centralization(G))}\n")
        f.write("group " + " ".join(map(str, group)) + "\n")
        f.write(f"ei_index {fmt(ei_index(G, set(group)))}\n")
        for c in comm:
            f.write("community " + " ".join(map(str, c)) + "\n")
        f.write(f"modularity {fmt(nx.community.modularity(G, comm))}\n")


def main():
    for name, make in GRAPHS.items():
        G, description, in_group = make()
        if "--write-edges" in sys.argv[1:]:
            write_edges(name, G, description)
        H, names = read_edges(name)
        write_expected(name, H, names, in_group)


if __name__ == "__main__":
    main()
