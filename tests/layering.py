# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""layering.py: one way down, no circles (doc/ARCHITECTURE.md).

Usage: layering.py SRCDIR BUILDDIR

Every C file of the libraries and programs belongs to a layer, by its folder:

    proto < src/lib < src/core < src/net < src/agent < src/sim
          < src/console < ui < the mains (src/*.c, src/*.h)

Two graphs are read:
  - the objects: `nm -P` on every object of the build tree's proto/, src/
    and ui/ (and the top folder, for generated sources such as
    demo-venues.c). An undefined symbol of object X that object Y defines
    is an edge X -> Y; a symbol no object defines (libc, nng, ncurses...)
    is a system library's and ignored.
  - the includes: every `#include "..."` of the sources' .c and .h files,
    resolved as the compiler does (the file's folder, then SRCDIR and
    SRCDIR/src, the -I of Makefile.am); config.h is ignored.

It fails, naming the files and the symbols or the include, on
  (a) an edge from a lower layer to a higher one, in either graph;
  (b) a cycle between files in the object graph (a strongly connected
      component of more than one file), whatever their folders;
  (c) a file whose folder has no layer, an object it cannot trace to its
      source, an include it cannot resolve: the table below must be kept
      up to date, not silently skipped.
Objects are traced to sources whatever automake named them: band.o,
libfohcore_a-band.o and foh_sim-foh-sim.o are tried as band.c,
band.c and foh-sim.c. Objects of tests and benchmarks (tests_*, bench_*)
are not part of the layers and are skipped.
Exit status: 0 clean, 1 violations, 2 misuse or nothing to read.
"""

import os
import subprocess
import sys

# Folder -> rank, lowest first. The mains are the files of src/ itself.
LAYERS = [
    ("proto", "proto"),
    ("src/lib", "src/lib"),
    ("src/core", "src/core"),
    ("src/net", "src/net"),
    ("src/agent", "src/agent"),
    ("src/sim", "src/sim"),
    ("src/console", "src/console"),
    ("ui", "ui"),
    ("src", "mains"),
]
RANK = {folder: i for i, (folder, _) in enumerate(LAYERS)}
NAME = {folder: name for folder, name in LAYERS}

# Sources generated into the build tree, and the layer whose script writes
# them (Makefile.am: demo-venues.c comes from src/console/embed-conf.sh).
GENERATED = {"demo-venues.c": "src/console"}

# Folders of the build tree whose objects are read (besides the top one).
OBJECT_ROOTS = ["proto", "src", "ui"]

# Include search path after the file's own folder (Makefile.am AM_CPPFLAGS).
INCLUDE_PATH = [".", "src"]

# Includes that are the build's, not a layer's.
IGNORED_INCLUDES = {"config.h"}

# nm -P types of a defined global symbol (lower case is local, but u is
# a GNU unique global).
DEFINED = set("ABCDGRSTVWu")


def layer_of(rel):
    """The layer folder of a source path relative to SRCDIR, or None."""
    if rel in GENERATED:
        return GENERATED[rel]
    folder = os.path.dirname(rel)
    if folder in RANK and folder != "src":
        return folder
    if folder == "src" and rel.endswith((".c", ".h")):
        return "src"    # the mains and what only they share (foh.h)
    return None


def describe(rel):
    """A file and its layer, for messages."""
    layer = layer_of(rel)
    return "%s [%s]" % (rel, NAME[layer] if layer else "no layer")


def find_objects(builddir):
    """Every .o under the object roots and the top of the build tree."""
    found = []
    for name in sorted(os.listdir(builddir)):
        if name.endswith(".o"):
            found.append(name)
    for root in OBJECT_ROOTS:
        top = os.path.join(builddir, root)
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".o"):
                    path = os.path.join(dirpath, name)
                    found.append(os.path.relpath(path, builddir))
    return found


def source_of(obj, srcdir, builddir):
    """(source path relative to SRCDIR, automake prefix) of an object.

    Tries the object's base name, then that name with each leading
    "target-" part dropped, in the object's folder of SRCDIR (then of
    BUILDDIR, for generated sources). Returns (None, None) if none exists.
    """
    folder, base = os.path.split(obj)
    base = base[:-2]
    cut = 0
    while True:
        name = base[cut:] + ".c"
        rel = os.path.normpath(os.path.join(folder, name))
        if os.path.isfile(os.path.join(srcdir, rel)) or \
                os.path.isfile(os.path.join(builddir, rel)):
            return rel, base[:cut - 1] if cut else ""
        dash = base.find("-", cut)
        if dash < 0:
            return None, None
        cut = dash + 1


def read_symbols(builddir, obj):
    """(defined, undefined) global symbol sets of one object, by nm -P."""
    out = subprocess.run(["nm", "-P", os.path.join(builddir, obj)],
                         check=True, stdout=subprocess.PIPE,
                         universal_newlines=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        sym, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(sym)
        elif kind in DEFINED:
            defined.add(sym)
    return defined, undefined


def object_graph(srcdir, builddir, problems):
    """{source: {source: [symbols]}} from the build tree's objects."""
    defs, undefs, seen = {}, {}, {}
    for obj in find_objects(builddir):
        rel, prefix = source_of(obj, srcdir, builddir)
        if rel is None:
            # A source removed or renamed since this object was built.
            print("note: skipped %s: no source %s.c (with or without an "
                  "automake target prefix)" % (obj, obj[:-2]))
            continue
        if prefix.startswith(("tests_", "bench_")):
            continue
        if layer_of(rel) is None:
            problems.append("object %s: its source %s is in no layer: "
                            "add its folder to LAYERS in tests/layering.py"
                            % (obj, rel))
            continue
        if rel in seen:
            # Two programs compile one source (a generated one), or a
            # stale object survives a rename by automake: the newest wins.
            old = os.path.getmtime(os.path.join(builddir, seen[rel]))
            if os.path.getmtime(os.path.join(builddir, obj)) <= old:
                continue
        seen[rel] = obj
        defs[rel], undefs[rel] = read_symbols(builddir, obj)
    definer = {}
    for rel in sorted(defs):
        for sym in defs[rel]:
            definer.setdefault(sym, rel)
    graph = {rel: {} for rel in defs}
    for rel in sorted(undefs):
        for sym in sorted(undefs[rel]):
            to = definer.get(sym)
            if to is None or to == rel:
                continue        # a system library's, or its own
            graph[rel].setdefault(to, []).append(sym)
    return graph, seen


def sources(srcdir):
    """Every .c and .h of the layers' folders, relative to SRCDIR."""
    found = []
    for root in OBJECT_ROOTS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(srcdir,
                                                                 root)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".c", ".h")):
                    found.append(os.path.relpath(os.path.join(dirpath, name),
                                                 srcdir))
    return found


def includes_of(srcdir, rel):
    """[(line number, included name)] of the quoted includes of a file."""
    found = []
    with open(os.path.join(srcdir, rel), encoding="utf-8",
              errors="replace") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s.startswith("#"):
                continue
            s = s[1:].strip()
            if not s.startswith("include"):
                continue
            s = s[len("include"):].strip()
            if s.startswith('"') and s.count('"') >= 2:
                found.append((n, s[1:s.index('"', 1)]))
    return found


def resolve(srcdir, rel, name):
    """The included file relative to SRCDIR, as the compiler finds it."""
    for base in [os.path.dirname(rel)] + INCLUDE_PATH:
        cand = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(srcdir, cand)):
            return cand
    return None


def check_includes(srcdir, problems):
    """Upward and unresolved includes; returns the number of includes."""
    count = 0
    for rel in sources(srcdir):
        layer = layer_of(rel)
        if layer is None:
            problems.append("%s: its folder has no layer: add it to LAYERS "
                            "in tests/layering.py" % rel)
            continue
        for n, name in includes_of(srcdir, rel):
            if name in IGNORED_INCLUDES:
                continue
            count += 1
            to = resolve(srcdir, rel, name)
            if to is None:
                problems.append('%s:%d: #include "%s" is not found in its '
                                'folder, %s' % (rel, n, name,
                                                " or ".join(INCLUDE_PATH)))
                continue
            to_layer = layer_of(to)
            if to_layer is None:
                problems.append('%s:%d: #include "%s" is %s, in no layer'
                                % (rel, n, name, to))
            elif RANK[to_layer] > RANK[layer]:
                problems.append('upward include: %s:%d: #include "%s": '
                                '%s -> %s' % (rel, n, name, describe(rel),
                                              describe(to)))
    return count


def check_edges(graph, problems):
    """Upward edges of the object graph."""
    for rel in sorted(graph):
        for to in sorted(graph[rel]):
            if RANK[layer_of(to)] > RANK[layer_of(rel)]:
                problems.append("upward call: %s -> %s: %s"
                                % (describe(rel), describe(to),
                                   symbols(graph[rel][to])))


def symbols(syms, most=6):
    """A short list of symbol names."""
    if len(syms) <= most:
        return ", ".join(syms)
    return "%s and %d more" % (", ".join(syms[:most]), len(syms) - most)


def components(graph):
    """Strongly connected components of a graph (Tarjan, iterative)."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    comp.append(top)
                    if top == node:
                        break
                out.append(sorted(comp))
    return out


def check_cycles(graph, problems):
    """One problem per cycle: its files and the edges inside it."""
    for comp in components(graph):
        if len(comp) < 2:
            continue
        members = set(comp)
        lines = ["cycle of %d files: %s" % (len(comp), " ".join(comp))]
        for rel in comp:
            for to in sorted(graph[rel]):
                if to in members:
                    lines.append("    %s -> %s: %s"
                                 % (rel, to, symbols(graph[rel][to], 3)))
        problems.append("\n".join(lines))


def main(argv):
    """Check both graphs; print every problem; exit 0, 1 or 2."""
    if len(argv) != 3:
        sys.stderr.write("usage: layering.py SRCDIR BUILDDIR\n")
        return 2
    srcdir, builddir = argv[1], argv[2]
    problems = []
    graph, objects = object_graph(srcdir, builddir, problems)
    if not objects:
        print("FAIL: layering: no objects under %s (proto/, src/, ui/): "
              "build first" % builddir)
        return 2
    nedges = sum(len(v) for v in graph.values())
    nincludes = check_includes(srcdir, problems)
    check_edges(graph, problems)
    check_cycles(graph, problems)
    print("layering: %d objects, %d edges between them; %d includes of "
          "%d sources" % (len(objects), nedges, nincludes,
                          len(sources(srcdir))))
    for p in problems:
        print("FAIL: " + p)
    if problems:
        print("layering: %d problems (layers, lowest first: %s)"
              % (len(problems), " < ".join(n for _, n in LAYERS)))
        return 1
    print("ok: no upward edge, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
