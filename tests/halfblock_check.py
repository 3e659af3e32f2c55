#!/usr/bin/env python3
"""Read `tmux capture-pane -p -e` output on stdin; succeed if some upper
half block (U+2580) is drawn with a foreground colour different from its
background: a raster cell whose two halves are in different bands.
Prints how many half blocks it saw and how many were two-coloured."""
import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def main():
    fg = bg = None
    blocks = split = 0
    for line in sys.stdin.read().split("\n"):
        pos = 0
        for m in SGR.finditer(line):
            text = line[pos:m.start()]
            n = text.count("\u2580")
            blocks += n
            if n and fg is not None and fg != bg:
                split += n
            params = m.group(1).split(";") if m.group(1) else ["0"]
            i = 0
            while i < len(params):
                p = params[i]
                if p in ("0", ""):
                    fg = bg = None
                elif p in ("38", "48") and i + 2 < len(params) and params[i + 1] == "5":
                    if p == "38":
                        fg = params[i + 2]
                    else:
                        bg = params[i + 2]
                    i += 2
                elif p in ("38", "48") and i + 4 < len(params) and params[i + 1] == "2":
                    v = ",".join(params[i + 2:i + 5])
                    if p == "38":
                        fg = v
                    else:
                        bg = v
                    i += 4
                elif p == "39":
                    fg = None
                elif p == "49":
                    bg = None
                i += 1
            pos = m.end()
        n = line[pos:].count("\u2580")
        blocks += n
        if n and fg is not None and fg != bg:
            split += n
    print("%d half blocks, %d in two colours" % (blocks, split))
    return 0 if split > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
