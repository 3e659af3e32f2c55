#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""Read `tmux capture-pane -p -e` output on stdin and say what colours the
heat map is drawn in.

  screen_colours.py halfblock   succeed if some upper half block (U+2580)
                                has a foreground unlike its background: a
                                raster cell whose halves are in two bands
  screen_colours.py map-bg N    succeed if the cells inside the map's box
                                (lines with "│ │" or "│ ┃", the map's box
                                light or, by the selected zone, heavy)
                                use at least N distinct
                                background colours; with -N, at most N
  screen_colours.py word WORD   print the colours of each WORD on screen,
                                one "fg=F bg=B" line each (F, B: "R,G,B",
                                a palette number or None) if all its
                                letters share them, "mixed" if not;
                                succeed if WORD is there

Each prints what it counted."""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def cells(line, state):
    """Yield (char, fg, bg) for each character of a captured line."""
    pos = 0
    for m in SGR.finditer(line):
        for ch in line[pos:m.start()]:
            yield ch, state["fg"], state["bg"]
        apply(m.group(1), state)
        pos = m.end()
    for ch in line[pos:]:
        yield ch, state["fg"], state["bg"]


def apply(sgr, state):
    params = sgr.split(";") if sgr else ["0"]
    i = 0
    while i < len(params):
        p = params[i]
        if p in ("0", ""):
            state["fg"] = state["bg"] = None
        elif p in ("38", "48") and i + 2 < len(params) and params[i + 1] == "5":
            state["fg" if p == "38" else "bg"] = params[i + 2]
            i += 2
        elif p in ("38", "48") and i + 4 < len(params) and params[i + 1] == "2":
            state["fg" if p == "38" else "bg"] = ",".join(params[i + 2:i + 5])
            i += 4
        elif len(p) == 2 and p[0] in "34" and p[1] in "01234567":
            state["fg" if p[0] == "3" else "bg"] = p[1]
        elif p == "39":
            state["fg"] = None
        elif p == "49":
            state["bg"] = None
        i += 1


def halfblock(lines):
    state = {"fg": None, "bg": None}
    blocks = split = 0
    for line in lines:
        for ch, fg, bg in cells(line, state):
            if ch == "\u2580":
                blocks += 1
                split += fg is not None and fg != bg
    print("%d half blocks, %d in two colours" % (blocks, split))
    return split > 0


def map_bg(lines, n):
    state = {"fg": None, "bg": None}
    seen = set()
    for line in lines:
        row = list(cells(line, state))
        text = "".join(c for c, _, _ in row)
        if "\u2502 \u2502" not in text and "\u2502 \u2503" not in text:
            continue
        bars = [i for i, c in enumerate(text) if c in "\u2502\u2503"]
        inside = row[bars[1] + 1:bars[-1]] if len(bars) >= 3 else []
        seen.update(bg for _, _, bg in inside if bg is not None)
    print("%d background colours in the map: %s" % (len(seen), sorted(seen)))
    return len(seen) >= n if n >= 0 else len(seen) <= -n


def word(lines, w):
    state = {"fg": None, "bg": None}
    found = 0
    for line in lines:
        row = list(cells(line, state))
        text = "".join(c for c, _, _ in row)
        at = text.find(w)
        while at >= 0:
            found += 1
            cols = set((fg, bg) for _, fg, bg in row[at:at + len(w)])
            if len(cols) == 1:
                fg, bg = cols.pop()
                print("fg=%s bg=%s" % (fg, bg))
            else:
                print("mixed")
            at = text.find(w, at + 1)
    return found > 0


def main(argv):
    lines = sys.stdin.read().split("\n")
    if argv[1:2] == ["halfblock"]:
        return 0 if halfblock(lines) else 1
    if argv[1:2] == ["map-bg"] and len(argv) == 3:
        return 0 if map_bg(lines, int(argv[2])) else 1
    if argv[1:2] == ["word"] and len(argv) == 3:
        return 0 if word(lines, argv[2]) else 1
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
