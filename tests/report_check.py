#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""report_check.py: judge fohd report's HTML and what headless Chromium
made of it, with the standard library only (tests/e2e-report-chromium.sh).

  report_check.py html FILE.html CHARTS   strict parse: every element closed
      in order, no script, no event attribute, nothing fetched (no http, no
      //, no url()), the contract's tables present, CHARTS svg.chart
  report_check.py png FILE.png CHARTS     a screenshot that is not blank and
      shows CHARTS chart frames (the frame colour, report-svg.c)
  report_check.py pdf FILE.pdf            %PDF, at least one page, A4

Exits 0, or 1 with the reason on stderr.
"""
import html.parser
import re
import struct
import sys
import zlib

FRAME = (0x6a, 0x00, 0xb0)      # REPORT_SVG_FRAME in src/agent/report-svg.c
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# SVG elements that may close themselves (<rect/>).
SVG_EMPTY = {"rect", "line", "path", "circle", "polyline", "polygon"}
TABLES = ("report", "zones", "gates", "alerts", "times-severity",
          "times-operator", "decisions", "events")


def fail(msg):
    sys.stderr.write("report_check: %s\n" % msg)
    sys.exit(1)


class Strict(html.parser.HTMLParser):
    """Tag balance, and what a self-contained report may not have."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.charts, self.ids = [], [], 0, set()
        self.in_style = False

    def where(self):
        return "line %d col %d" % self.getpos()

    def check_attrs(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append("%s: <%s %s=...>: an event handler"
                                   % (self.where(), tag, k))
            if k in ("src", "href", "xlink:href", "action", "data"):
                self.errors.append("%s: <%s %s=%r>: a reference"
                                   % (self.where(), tag, k, v))
            if k == "id":
                self.ids.add(v)
        if tag == "svg" and ("class", "chart") in attrs:
            self.charts += 1

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.errors.append("%s: <%s>" % (self.where(), tag))
        self.check_attrs(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag not in VOID and tag not in SVG_EMPTY:
            self.errors.append("%s: <%s/> closes itself" % (self.where(), tag))

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag in VOID:
            self.errors.append("%s: </%s> of a void element"
                               % (self.where(), tag))
            return
        if not self.stack:
            self.errors.append("%s: </%s> with nothing open"
                               % (self.where(), tag))
            return
        top, at = self.stack.pop()
        if top != tag:
            self.errors.append("%s: </%s> closes <%s> of %s"
                               % (self.where(), tag, top, at))

    def handle_data(self, data):
        if self.in_style and ("url(" in data or "@import" in data):
            self.errors.append("%s: the style sheet fetches" % self.where())


def check_html(path, charts):
    with open(path, encoding="utf-8") as f:     # must be UTF-8
        text = f.read()
    if not text.startswith("<!DOCTYPE html>"):
        fail("%s: no <!DOCTYPE html>" % path)
    low = text.lower()
    for bad in ("<script", "http:", "https:", "//"):
        if bad in low:
            fail("%s: has %r at offset %d" % (path, bad, low.index(bad)))
    if "@media print" not in low or "size:a4" not in low:
        fail("%s: no print CSS for A4" % path)
    p = Strict()
    p.feed(text)
    p.close()
    if p.stack:
        p.errors.append("left open: " + ", ".join(
            "<%s> of %s" % s for s in p.stack))
    if p.errors:
        fail("%s: %d errors:\n  %s" % (path, len(p.errors),
                                       "\n  ".join(p.errors[:20])))
    for t in TABLES:
        if t not in p.ids:
            fail("%s: no table id=%s" % (path, t))
    if p.charts != charts:
        fail("%s: %d svg.chart, not %d" % (path, p.charts, charts))
    print("html: %s: balanced, self-contained, %d charts" % (path, charts))


def png_rows(path):
    """The PNG's size and rows of (r, g, b) bytes: 8-bit RGB or RGBA."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s: not a PNG" % path)
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        fail("%s: PNG depth %d colour type %d interlace %d: not read here"
             % (path, depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ft == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ft == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ft == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line) if bpp == 3 else
                    bytes(v for i, v in enumerate(line) if i % 4 != 3))
        prev = line
    return w, h, rows


def check_png(path, charts):
    w, h, rows = png_rows(path)
    frame = bytes(FRAME)
    colours, ink, corners = set(), 0, 0
    for y, row in enumerate(rows):
        colours.update(row[x:x + 3] for x in range(0, 3 * w, 3 * 7))
        ink += sum(1 for x in range(0, 3 * w, 3 * 7)
                   if row[x:x + 3] != b"\xff\xff\xff")
        start = row.find(frame)
        while start >= 0:
            if start % 3 == 0:
                x = start // 3
                # A frame's top-left corner: frame right and below, not
                # left nor above.
                left = x > 0 and row[start - 3:start] == frame
                up = y > 0 and rows[y - 1][start:start + 3] == frame
                right = x + 1 < w and row[start + 3:start + 6] == frame
                down = y + 1 < h and rows[y + 1][start:start + 3] == frame
                if not left and not up and right and down:
                    corners += 1
            start = row.find(frame, start + 1)
    sampled = (w // 7 + 1) * h
    print("png: %s: %dx%d, %d colours sampled, %.1f %% ink, %d frames"
          % (path, w, h, len(colours), 100.0 * ink / sampled, corners))
    if len(colours) < 8 or ink < sampled // 100:
        fail("%s: blank: %d colours, %d of %d sampled pixels not white"
             % (path, len(colours), ink, sampled))
    if corners != charts:
        fail("%s: %d chart frames, not %d" % (path, corners, charts))
    # The whole page was in the window: its last rows are white.
    if any(r != b"\xff" * (3 * w) for r in rows[-20:]):
        fail("%s: the page does not end inside the window" % path)


def check_pdf(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        fail("%s: does not start with %%PDF-" % path)
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    if pages < 1:
        pages = data.count(b"/Type/Page") - data.count(b"/Type/Pages")
    if pages < 1:
        fail("%s: no page" % path)
    # @page { size: A4 }: every page 595 x 842 points, give or take.
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-0-9. ]+)\]", data)
    for b in boxes:
        x0, y0, x1, y1 = (float(v) for v in b.split())
        if abs(x1 - x0 - 595.3) > 2 or abs(y1 - y0 - 841.9) > 2:
            fail("%s: a page of %.1f x %.1f points, not A4" % (
                path, x1 - x0, y1 - y0))
    if not boxes:
        fail("%s: no /MediaBox" % path)
    print("pdf: %s: %d bytes, %d A4 pages" % (path, len(data), pages))


def main():
    if len(sys.argv) < 3:
        fail("usage: report_check.py html|png|pdf FILE [CHARTS]")
    what, path = sys.argv[1], sys.argv[2]
    if what == "html":
        check_html(path, int(sys.argv[3]))
    elif what == "png":
        check_png(path, int(sys.argv[3]))
    elif what == "pdf":
        check_pdf(path)
    else:
        fail("what is %s?" % what)


if __name__ == "__main__":
    main()
