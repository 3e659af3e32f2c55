#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""Read a heat map screen (`tmux capture-pane -p`) on stdin and check its
zones by the labels on them.

  map_cells.py parted A B   succeed if on the row that labels zones A and
                            B a vertical line stands between the two names
  map_cells.py heavy A      succeed if zone A's edges left and right of
                            its label are heavy lines (UTF-8 or ASCII)
  map_cells.py fills A B    succeed if the fill glyph most of zone A's
                            cells show is not blank and is not zone B's:
                            bands told apart without colour
  map_cells.py flat A...    succeed if each zone's cells all show one
                            glyph, on whichever map on the screen labels
                            it (an overview tile's): a flat band fill,
                            not a raster

A zone's cells are those between the lines left and right of its label,
on the rows up and down to its top and bottom edges, leaving out rows
with letters or digits on them (its label). Each prints what it found."""
import collections
import sys

VERT_LIGHT = "\u2502|"
VERT_HEAVY = "\u2503#"
VERT = VERT_LIGHT + VERT_HEAVY
HORIZ = "\u2500\u2501-="
# Every box-drawing glyph a map edge may use; ASCII's + too.
LINES = "".join(chr(c) for c in range(0x2500, 0x2580)) + "|#+-="
FILLS = " \u00b7\u2591\u2592\u2593\u2588.:*%@"


def map_rows(lines, name=None):
    """The map's rows, and the column of its left edge: the first map on
    the screen, or the first whose rows hold name."""
    for top, line in enumerate(lines):
        for col, ch in enumerate(line):
            if ch in "\u250c\u250f+#" and col + 1 < len(line) and \
                    line[col + 1] in HORIZ and col > 2:
                rows = []
                for row in lines[top:]:
                    if col >= len(row) or row[col] not in LINES:
                        break
                    rows.append(row)
                right = col + 1
                while right < len(line) and line[right] in LINES and \
                        line[right - 1] not in "\u2510\u2511\u2512\u2513":
                    right += 1
                at = label([r[:right] for r in rows], name) if name \
                    else None
                if len(rows) >= 3 and (name is None or
                                       (at is not None and at[1] > col)):
                    return rows, col
    return [], -1


def label(rows, name):
    """Row index and column of zone name's label in the map, or None."""
    for i, row in enumerate(rows):
        col = row.find(name)
        if col >= 0:
            return i, col
    return None


def edges(row, col, name):
    """Columns of the lines left and right of a label at col."""
    left = col - 1
    while left >= 0 and row[left] not in VERT:
        left -= 1
    right = col + len(name)
    while right < len(row) and row[right] not in VERT:
        right += 1
    return left, right


def zone_cells(rows, name):
    """The fill glyphs of zone name's cells, or None if not found."""
    at = label(rows, name)
    if at is None:
        return None
    i, col = at
    left, right = edges(rows[i], col, name)
    cells = []
    for step in (-1, 1):
        j = i if step < 0 else i + 1
        while 0 <= j < len(rows):
            inside = rows[j][left + 1:right]
            if not inside or inside[0] in HORIZ:
                break
            if not any(c.isalnum() for c in inside):
                cells.extend(inside)
            j += step
    return cells


def main(argv):
    lines = sys.stdin.read().split("\n")
    rows, _ = map_rows(lines)
    if not rows:
        print("no map on the screen")
        return 1
    if argv[1:2] == ["parted"] and len(argv) == 4:
        for row in rows:
            a, b = row.find(argv[2]), row.find(argv[3])
            if a >= 0 and b > a:
                between = row[a + len(argv[2]):b]
                lines_between = [c for c in between if c in VERT]
                print("%s and %s: %s between them" %
                      (argv[2], argv[3], repr("".join(lines_between))))
                return 0 if lines_between else 1
        print("no row labels both %s and %s" % (argv[2], argv[3]))
        return 1
    if argv[1:2] == ["heavy"] and len(argv) == 3:
        at = label(rows, argv[2])
        if at is None:
            print("no label %s on the map" % argv[2])
            return 1
        row = rows[at[0]]
        left, right = edges(row, at[1], argv[2])
        got = row[left:left + 1] + row[right:right + 1]
        print("%s outlined %s" % (argv[2], repr(got)))
        return 0 if len(got) == 2 and all(c in VERT_HEAVY for c in got) \
            else 1
    if argv[1:2] == ["fills"] and len(argv) == 4:
        most = []
        for name in argv[2:4]:
            cells = zone_cells(rows, name)
            fills = collections.Counter(c for c in cells or [] if c in FILLS)
            if not fills:
                print("no fill cells found for %s" % name)
                return 1
            glyph, n = fills.most_common(1)[0]
            most.append(glyph)
            print("%s filled %s (%d of %d cells)" %
                  (name, repr(glyph), n, sum(fills.values())), end="; ")
        print()
        return 0 if most[0] != most[1] and most[0] != " " else 1
    if argv[1:2] == ["flat"] and len(argv) >= 3:
        for name in argv[2:]:
            cells = zone_cells(map_rows(lines, name)[0], name)
            if not cells:
                print("no cells found for %s" % name)
                return 1
            glyphs = collections.Counter(cells)
            print("%s: %s" % (name, dict(glyphs)), end="; ")
            if len(glyphs) != 1:
                print()
                return 1
        print()
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
