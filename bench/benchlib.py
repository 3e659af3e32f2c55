# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""benchlib.py: what the benchmark scripts share, so that each one starts
what it needs, waits for it with a deadline, and leaves nothing running.

  Procs        every process a benchmark starts is registered here; at exit
               (normal, error, Ctrl-C or SIGTERM) each still running gets
               SIGTERM, then SIGKILL after a grace period, and is waited
               for; the temporary directories are removed.
  wait_for     polls a condition until it holds or a deadline passes, then
               stops the run naming what it waited for.
  Fohd         one fohd on a private config and ipc sockets, started and
               waited for (its "ingest on" line); /metrics read by name.
  Subscriber   nngcat --sub on a stream, its output drained by a thread
               that counts the messages (one --quoted line each).
"""
import atexit
import os
import re
import select
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import urllib.request


class BenchError(SystemExit):
    """A benchmark that could not run; exits 1 with its message."""

    def __init__(self, msg):
        super().__init__("bench: " + msg)


def cpu_seconds(pid):
    """User + system CPU seconds of pid so far (all its threads)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for(cond, what, timeout=10.0, step=0.02, alive=()):
    """Poll cond() until it returns a true value (returned) or timeout
    seconds pass (BenchError naming what). alive: processes that must keep
    running meanwhile (Popen objects)."""
    end = time.monotonic() + timeout
    while True:
        v = cond()
        if v:
            return v
        for p in alive:
            if p.poll() is not None:
                raise BenchError("%s exited (status %s) while waiting for %s"
                                 % (p.args[0], p.returncode, what))
        if time.monotonic() > end:
            raise BenchError("timed out after %.0f s waiting for %s"
                             % (timeout, what))
        time.sleep(step)


def unix_connected(pid):
    """How many connected unix stream sockets process pid holds."""
    inodes = set()
    d = "/proc/%d/fd" % pid
    for fd in os.listdir(d):
        try:
            link = os.readlink(os.path.join(d, fd))
        except OSError:
            continue
        if link.startswith("socket:["):
            inodes.add(link[8:-1])
    n = 0
    with open("/proc/net/unix") as f:
        next(f)
        for line in f:
            col = line.split()
            if len(col) >= 7 and col[5] == "03" and col[6] in inodes:
                n += 1
    return n


def read_line(pipe, what, timeout=10.0):
    """One line from a process's pipe, within timeout seconds."""
    r, _, _ = select.select([pipe], [], [], timeout)
    if not r:
        raise BenchError("timed out waiting for %s" % what)
    line = pipe.readline()
    if not line:
        raise BenchError("%s: the program closed its output" % what)
    return line


def unix_bound(path):
    """True when a unix socket exists at path (its listener has bound it).
    Not probed with a connection: nng 1.5.2's ipc listener was seen to stop
    taking new pipes after a peer that closed before the SP handshake."""
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


class Procs:
    """The processes and temporary directories of one benchmark run.
    Owns them: stop() (also run at exit and on SIGTERM/SIGINT) ends them."""

    def __init__(self, grace=3.0):
        self.grace = grace
        self.popens = []
        self.pids = []
        self.dirs = []
        atexit.register(self.stop)
        signal.signal(signal.SIGTERM, Procs._on_signal)
        signal.signal(signal.SIGHUP, Procs._on_signal)
        # Our own, not Python's default: asyncio.run replaces the default
        # with one that cancels its task, and a library that swallows the
        # cancellation (websockets closing) would swallow the Ctrl-C.
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, Procs._on_interrupt)

    @staticmethod
    def _on_signal(signum, frame):
        # Unwind through every finally and atexit handler.
        """SIGTERM, SIGHUP: exit through the cleanup."""
        raise SystemExit(128 + signum)

    @staticmethod
    def _on_interrupt(signum, frame):
        """Ctrl-C: KeyboardInterrupt, even inside asyncio.run."""
        raise KeyboardInterrupt

    def tmpdir(self, prefix):
        """A new temporary directory, removed by stop()."""
        d = tempfile.mkdtemp(prefix=prefix)
        self.dirs.append(d)
        return d

    def popen(self, argv, **kw):
        """subprocess.Popen(argv, **kw), registered."""
        p = subprocess.Popen(argv, **kw)
        self.popens.append(p)
        return p

    def add_pid(self, pid):
        """Register a child started another way (pty.fork)."""
        self.pids.append(pid)

    def end(self, p):
        """Stop one Popen now (SIGTERM, then SIGKILL) and reap it."""
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(self.grace)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        if p in self.popens:
            self.popens.remove(p)

    def end_pid(self, pid, sig=signal.SIGTERM):
        """Stop a registered pid (sig, then SIGKILL); its exit status."""
        st = self._reap(pid)
        if st is None:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
            end = time.monotonic() + self.grace
            while st is None and time.monotonic() < end:
                time.sleep(0.02)
                st = self._reap(pid)
            if st is None:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                st = os.waitpid(pid, 0)[1]
        if pid in self.pids:
            self.pids.remove(pid)
        return st

    def wait_pid(self, pid, what, timeout=10.0):
        """Wait for a registered pid to exit by itself; its status."""
        st = wait_for(lambda: self._reap(pid), what + " to exit", timeout)
        self.pids.remove(pid)
        return st[0]

    @staticmethod
    def _reap(pid):
        """(status,) if pid has exited (reaping it), else None."""
        try:
            got, st = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return (0,)
        return (st,) if got == pid else None

    def stop(self):
        """End every process still running; remove the temporary dirs."""
        for p in list(self.popens):
            if p.poll() is None:
                p.terminate()
        for pid in list(self.pids):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in list(self.popens):
            self.end(p)
        for pid in list(self.pids):
            self.end_pid(pid)
        for d in self.dirs:
            shutil.rmtree(d, ignore_errors=True)
        self.dirs = []


class Fohd:
    """One fohd on conf plus extra (appended; @PULL@ becomes its PULL
    URL), its stream, control and PULL sockets in a private directory;
    started, and (unless wait is false: call ready()) waited for.
    rewrite, if given, turns the conf's text into the text used."""

    def __init__(self, procs, fohd, conf, extra, tag="fohd", wait=True,
                 rewrite=None):
        self.procs = procs
        self.tmp = procs.tmpdir("foh-bench-%s-" % tag)
        self.stream = "ipc://%s/pub" % self.tmp
        self.pull = "ipc://%s/pull" % self.tmp
        cf = os.path.join(self.tmp, "bench.conf")
        with open(conf) as src:
            text = src.read()
        if rewrite:
            text = rewrite(text)
        with open(cf, "w") as dst:
            dst.write(text)
            dst.write("\n" + extra.replace("@PULL@", self.pull))
        self.listens = "listen" in extra
        self.log = os.path.join(self.tmp, "fohd.log")
        with open(self.log, "w") as err:
            self.proc = procs.popen(
                [fohd, "-c", cf, "--stream", self.stream, "--control",
                 "ipc://%s/ctl" % self.tmp], stdout=subprocess.DEVNULL,
                stderr=err)
        self.pid = self.proc.pid
        self.port = None
        if wait:
            self.ready()

    def ready(self):
        """Wait until fohd has bound its stream (and logged its ingest
        port, when it listens for readings)."""
        if self.listens and self.port is None:
            m = wait_for(lambda: self._logged(
                r"ingest on 127\.0\.0\.1:(\d+)"), "fohd's ingest line",
                alive=[self.proc])
            self.port = int(m.group(1))
        wait_for(lambda: unix_bound(self.stream[6:]),
                 "fohd's stream socket", alive=[self.proc])

    def _logged(self, pattern):
        """The first match of pattern in fohd's log, or None."""
        with open(self.log) as f:
            return re.search(pattern, f.read())

    def metrics(self):
        """fohd's /metrics as {name{labels}: float}."""
        text = urllib.request.urlopen(
            "http://127.0.0.1:%d/metrics" % self.port, timeout=10).read()
        out = {}
        for line in text.decode().splitlines():
            if line and not line.startswith("#"):
                k, _, v = line.rpartition(" ")
                try:
                    out[k] = float(v)
                except ValueError:
                    pass
        return out

    def metric(self, name):
        """One series of /metrics (name with its labels), or the sum of
        all of a family's series when name has no labels."""
        m = self.metrics()
        if "{" in name or name in m:
            return m.get(name, 0.0)
        return sum(v for k, v in m.items() if k.startswith(name + "{"))

    def cpu(self):
        """fohd's CPU seconds so far."""
        return cpu_seconds(self.pid)

    def stop(self):
        """End fohd and reap it."""
        self.procs.end(self.proc)


class Subscriber:
    """nngcat --sub on url, every message counted as it arrives (nngcat
    writes one --quoted line per message; a thread drains the pipe)."""

    def __init__(self, procs, url):
        self.procs = procs
        self.count = 0
        self.bytes = 0
        self.url = url
        self.start()

    def start(self):
        """Start nngcat and the thread that drains it."""
        self.proc = self.procs.popen(
            ["nngcat", "--sub", "--dial", self.url, "--subscribe", "",
             "--quoted"], stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def redial(self):
        """Start again if nngcat exited (its dial was refused); False if
        it is running."""
        if self.proc.poll() is None:
            return False
        self.stop()
        self.start()
        return True

    def _drain(self):
        """Count the lines (messages) nngcat writes until it ends."""
        fd = self.proc.stdout.fileno()
        while True:
            try:
                data = os.read(fd, 1 << 20)
            except OSError:
                return
            if not data:
                return
            self.bytes += len(data)
            self.count += data.count(b"\n")

    def stop(self):
        """End nngcat; join its thread."""
        self.procs.end(self.proc)
        self.thread.join(5)
        self.proc.stdout.close()


def subscribe(procs, fohd, n, timeout=15.0):
    """n subscribers on fohd's stream, each connected (fohd counts them)
    and receiving (each has had a message: fohd beats every second)."""
    subs = [Subscriber(procs, fohd.stream) for _ in range(n)]

    def connected():
        """Whether fohd counts them all (restarting refused ones)."""
        if any([s.redial() for s in subs]):
            return False
        return fohd.metric("fohd_subscribers") >= n

    if n:
        wait_for(connected, "fohd to count %d subscribers" % n, timeout,
                 0.05, [fohd.proc])
        wait_for(lambda: all(s.count > 0 for s in subs),
                 "a first message at each of %d subscribers" % n, timeout,
                 0.05, [fohd.proc] + [s.proc for s in subs])
    return subs


def settle(subs, target, timeout=30.0, quiet=0.5):
    """Wait until every subscriber has its target count, or until they all
    but stop (fewer than 2 messages each in quiet seconds: one fell behind
    and PUB dropped for it, and only heartbeats still arrive), or timeout."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if all(s.count >= t for s, t in zip(subs, target)):
            return True
        before = sum(s.count for s in subs)
        time.sleep(quiet)
        if sum(s.count for s in subs) - before < 2 * len(subs):
            return all(s.count >= t for s, t in zip(subs, target))
    return False
