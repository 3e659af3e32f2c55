# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""wall_check.py: what an overview screen must be, read against the truth.

    python3 wall_check.py DEMO.json SCREEN.txt N [--all-unacked]
        [--crit-titles]

DEMO.json is `foh --json` on the same frozen demo (the venues' names and
their alerts, as the store holds them); SCREEN.txt a capture of the
overview (line 1 the status bar, the main panel right of the venue list's
divider). Checks, and prints what it found:

- the venues on screen (tile titles, or the dense list's lines) are all
  of them, or the dense list's heading says how many it shows and how
  many more there are ("shown A of N, M more", or "shown A of N by id,
  M more" when the list is compact and names venues by id), and A is
  what is on screen;
- what the heading says the hidden venues hold ("K with crit unacked")
  is true: K venues with an unacknowledged critical alert are not on
  screen (0 when it says nothing);
- with --all-unacked, every venue with an unacknowledged critical alert
  is on screen;
- a critical alert's title on a tile follows the word CRIT, never a band
  letter (a zone's line starts with its band's); with --crit-titles,
  there is at least one.

Exit 0 when all hold, 1 with the reasons on stderr.
"""
import json
import re
import sys

LINK = r"(?:LIVE|STALE offline|STALE|CONNECTING)"


def truth(path):
    """Venue names by id, names of venues with an unacknowledged critical,
    and the titles of open critical alerts."""
    names, alerts = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if r.get("type") == "venue":
                names[r["venue"]] = r.get("name") or r["venue"]
            elif r.get("type") == "alert":
                alerts[(r["venue"], r["id"])] = r
    unacked, titles = set(), set()
    for (venue, _), a in alerts.items():
        if a.get("severity") != "critical" or a.get("state") == "resolved":
            continue
        titles.add(a["title"])
        if a.get("state") in ("firing", "flapping"):
            unacked.add(names.get(venue, venue))
    return names, unacked, titles


def panel(lines):
    """The main panel's lines: right of the venue list's divider."""
    out = []
    for line in lines[1:-1]:
        i = line.find("\u2502")
        out.append(line[i + 1:] if i >= 0 else line)
    return out


def on_screen(name, shown):
    """Is venue name among the names shown (a shown name may be cut)?"""
    for s in shown:
        if s == name or (s.endswith("\u2026") and name.startswith(s[:-1])):
            return True
    return False


def by_id(shown, names):
    """The one venue id that shown is (an id cut in its middle keeps its
    start and end), or None."""
    for ell in ("\u2026", "..."):
        if ell in shown:
            head, _, tail = shown.partition(ell)
            ids = [v for v in names if v.startswith(head) and
                   v.endswith(tail) and len(v) >= len(head) + len(tail)]
            return ids[0] if len(ids) == 1 else None
    return shown if shown in names else None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    all_unacked = "--all-unacked" in sys.argv
    names, unacked, titles = truth(args[0])
    with open(args[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    n = int(args[2])
    p = panel(lines)
    bad = []
    head = p[0] if p else ""
    dense = re.search(r"venues, worst first|venues by worst|shown \d+ of",
                      head)
    if dense:
        shown = []
        for line in p[1:]:
            for m in re.finditer(r"(\S(?:.*?\S)?) +" + LINK +
                                 r"(?: \S+)? +[A-F-] +C\d+ W\d+"
                                 r"(?: I\d+)?(?:, \d+ crit unacked)?",
                                 line):
                name = m.group(1)
                name = name[2:] if name.startswith("\u25b6 ") else name
                if " by id," in head:
                    vid = by_id(name, names)
                    if vid is None:
                        bad.append("not one venue's id: " + name)
                    name = names.get(vid, name)
                shown.append(name)
    else:
        shown = [m.group(1) for line in p for m in
                 re.finditer(r"\u250c (?:\u25b6 )?(.+?) \u2500", line)]
    m = re.search(r"shown (\d+) of (\d+)(?: by id)?, (\d+) more", head)
    if m:
        a, total, more = (int(g) for g in m.groups())
        if total != n or a + more != n:
            bad.append("heading: %s: not %d venues" % (m.group(0), n))
        if len(shown) != a:
            bad.append("heading says %d shown, %d on screen" %
                       (a, len(shown)))
    elif len(shown) != n:
        bad.append("%d venues on screen of %d, and no 'shown A of N'" %
                   (len(shown), n))
    hidden = sorted(v for v in unacked if not on_screen(v, shown))
    m = re.search(r"\((\d+) with crit unacked\)", head)
    said = int(m.group(1)) if m else 0
    if said != len(hidden):
        bad.append("heading says %d hidden with crit unacked, %d are: %s" %
                   (said, len(hidden), ", ".join(hidden)))
    if all_unacked and hidden:
        bad.append("venues with an unacknowledged critical not on "
                   "screen: " + ", ".join(hidden))
    crit_lines = 0
    for line in p:
        for pre in sorted({t[:13] for t in titles}):
            for m in re.finditer(re.escape(pre), line):
                if line[:m.start()].endswith("CRIT "):
                    crit_lines += 1
                else:
                    bad.append("a critical title not after CRIT: " +
                               line.strip())
    if "--crit-titles" in sys.argv and crit_lines == 0:
        bad.append("no critical alert's title on any tile")
    print("%d venues on screen, %d with crit unacked (%d hidden, said "
          "%d), %d CRIT title lines" % (len(shown), len(unacked),
                                         len(hidden), said, crit_lines))
    for b in bad:
        print("wall_check: " + b, file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
