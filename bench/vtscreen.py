# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""vtscreen.py: the far end of a link: a small VT100/xterm screen that
takes the bytes a curses program writes and keeps the characters it
shows, so that a benchmark can read the screen (the status bar's clock)
as a terminal at the end of a slow link would show it.

It knows what ncurses sends for TERM=xterm-256color: cursor addressing
and moves, erasures, insert and delete of lines and characters, scroll
regions, REP, autowrap, UTF-8; colours and modes are skipped. It answers
the two status reports a program may ask for (DSR 5, "are you there",
and DSR 6, the cursor position) through the answer callback, as a
terminal does once it has shown everything written before the question.
No colour, no width-2 characters: foh draws none.
"""


class Screen:
    """rows x cols characters and a cursor; feed() it bytes."""

    def __init__(self, cols, rows, answer=None):
        self.cols, self.rows = cols, rows
        self.answer = answer
        self.lines = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.top, self.bottom = 0, rows - 1
        self.wrap = False
        self.saved = (0, 0)
        self.last = " "
        self.state = "ground"
        self.buf = bytearray()      # a CSI's or OSC's bytes so far
        self.utf = bytearray()      # a UTF-8 sequence so far
        self.need = 0
        self.dsr = 0                # status reports answered
        self.insert = False         # insert mode (IRM, CSI 4 h)

    def text(self, y):
        """Line y as a string."""
        return "".join(self.lines[y])

    def dump(self):
        """The whole screen, one string per line, trailing blanks cut."""
        return [self.text(y).rstrip() for y in range(self.rows)]

    def feed(self, data):
        """Take bytes as the terminal would."""
        for b in data:
            st = self.state
            if st == "ground":
                self._ground(b)
            elif st == "esc":
                self._esc(b)
            elif st == "csi":
                if 0x40 <= b <= 0x7E:
                    self.state = "ground"
                    self._csi(bytes(self.buf), chr(b))
                elif b == 0x1B:
                    self.state = "esc"
                else:
                    self.buf.append(b)
            elif st == "osc":
                if b == 0x07:
                    self.state = "ground"
                elif b == 0x1B:
                    self.state = "oscesc"
            elif st == "oscesc":
                self.state = "ground" if b == 0x5C else "osc"
            elif st == "skip1":
                self.state = "ground"

    def _ground(self, b):
        """A byte outside any sequence."""
        if self.need:
            if b & 0xC0 == 0x80:
                self.utf.append(b)
                self.need -= 1
                if self.need == 0:
                    self._put(self.utf.decode("utf-8", "replace"))
                return
            self.need = 0               # a broken sequence: drop it
        if b >= 0xC0:
            self.utf = bytearray([b])
            self.need = 1 if b < 0xE0 else 2 if b < 0xF0 else 3
        elif b >= 0x80:
            pass
        elif b >= 0x20:
            if b != 0x7F:
                self._put(chr(b))
        elif b == 0x1B:
            self.state = "esc"
        elif b == 0x0D:
            self.x, self.wrap = 0, False
        elif b in (0x0A, 0x0B, 0x0C):
            self._lf()
        elif b == 0x08:
            self.x, self.wrap = max(0, self.x - 1), False
        elif b == 0x09:
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)

    def _put(self, ch):
        """Show ch at the cursor, wrapping as xterm does."""
        if self.wrap:
            self.x, self.wrap = 0, False
            self._lf()
        if self.insert:
            self.lines[self.y].insert(self.x, " ")
            del self.lines[self.y][self.cols:]
        self.lines[self.y][self.x] = ch
        self.last = ch
        if self.x == self.cols - 1:
            self.wrap = True
        else:
            self.x += 1

    def _lf(self):
        """Line feed: down, scrolling the region at its bottom."""
        self.wrap = False
        if self.y == self.bottom:
            self._scroll_up(self.top, self.bottom, 1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _blank(self):
        return [" "] * self.cols

    def _scroll_up(self, top, bottom, n):
        for _ in range(min(n, bottom - top + 1)):
            del self.lines[top]
            self.lines.insert(bottom, self._blank())

    def _scroll_down(self, top, bottom, n):
        for _ in range(min(n, bottom - top + 1)):
            del self.lines[bottom]
            self.lines.insert(top, self._blank())

    def _esc(self, b):
        """The byte after ESC."""
        c = chr(b)
        self.state = "ground"
        if c == "[":
            self.state, self.buf = "csi", bytearray()
        elif c == "]":
            self.state = "osc"
        elif c in "()*+-./#%":
            self.state = "skip1"
        elif c == "7":
            self.saved = (self.y, self.x)
        elif c == "8":
            self.y, self.x = self.saved
            self.wrap = False
        elif c == "M":
            self.wrap = False
            if self.y == self.top:
                self._scroll_down(self.top, self.bottom, 1)
            elif self.y > 0:
                self.y -= 1
        elif c == "D":
            self._lf()
        elif c == "E":
            self.x = 0
            self._lf()
        elif c == "c":
            self.__init__(self.cols, self.rows, self.answer)

    def _csi(self, raw, final):
        """A control sequence: its parameter bytes and final character."""
        priv = raw[:1] in (b"?", b">", b"=", b"<")
        p = raw[1:] if priv else raw
        try:
            args = [int(a) if a else 0 for a in p.decode().split(";")]
        except ValueError:
            args = []

        def arg(i, d=1):
            v = args[i] if i < len(args) else 0
            return v if v else d

        if priv:
            if final in "hl" and any(a in (47, 1047, 1049) for a in args):
                self.lines = [self._blank() for _ in range(self.rows)]
            return
        if final in "hl" and 4 in args:
            self.insert = final == "h"
        self.wrap = False if final not in "mnhl" else self.wrap
        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.cols - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0))
        elif final == "C":
            self.x = min(self.cols - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "E":
            self.x, self.y = 0, min(self.rows - 1, self.y + arg(0))
        elif final == "F":
            self.x, self.y = 0, max(0, self.y - arg(0))
        elif final in "G`":
            self.x = min(self.cols - 1, arg(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0) - 1)
        elif final == "J":
            self._ed(arg(0, 0))
        elif final == "K":
            self._el(arg(0, 0))
        elif final == "X":
            for i in range(self.x, min(self.cols, self.x + arg(0))):
                self.lines[self.y][i] = " "
        elif final == "b":
            for _ in range(arg(0)):
                self._put(self.last)
        elif final in "LM" and self.top <= self.y <= self.bottom:
            (self._scroll_down if final == "L" else self._scroll_up)(
                self.y, self.bottom, arg(0))
            self.x = 0
        elif final == "@":
            ln = self.lines[self.y]
            n = min(arg(0), self.cols - self.x)
            ln[self.x:self.x] = [" "] * n
            del ln[self.cols:]
        elif final == "P":
            ln = self.lines[self.y]
            n = min(arg(0), self.cols - self.x)
            del ln[self.x:self.x + n]
            ln.extend([" "] * n)
        elif final == "S":
            self._scroll_up(self.top, self.bottom, arg(0))
        elif final == "T":
            self._scroll_down(self.top, self.bottom, arg(0))
        elif final == "r":
            self.top = min(self.rows - 1, arg(0) - 1)
            self.bottom = min(self.rows - 1, arg(1, self.rows) - 1)
            if self.bottom <= self.top:
                self.top, self.bottom = 0, self.rows - 1
            self.x = self.y = 0
        elif final == "n" and self.answer is not None:
            if arg(0, 0) == 5:
                self.dsr += 1
                self.answer(b"\x1b[0n")
            elif arg(0, 0) == 6:
                self.answer(b"\x1b[%d;%dR" % (self.y + 1, self.x + 1))

    def _ed(self, mode):
        """Erase in display."""
        if mode == 0:
            self._el(0)
            for y in range(self.y + 1, self.rows):
                self.lines[y] = self._blank()
        elif mode == 1:
            self._el(1)
            for y in range(0, self.y):
                self.lines[y] = self._blank()
        else:
            self.lines = [self._blank() for _ in range(self.rows)]

    def _el(self, mode):
        """Erase in line."""
        ln = self.lines[self.y]
        a, b = ((self.x, self.cols) if mode == 0 else
                (0, self.x + 1) if mode == 1 else (0, self.cols))
        for i in range(a, min(b, self.cols)):
            ln[i] = " "
