# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""foh_test.py: what the Python test tools in tests/ share.

Imported by the scripts next to it (run as `python3 tests/NAME.py`, their
folder is first on sys.path). Standard library only; every wait has a
deadline.
"""
import asyncio
import os
import resource
import sys


def run_commands(argv, cmds, doc):
    """Run cmds[argv[1]] with argv[2:]; 0 when it returns, 2 (and the
    usage, doc, on stderr) when argv names no command of cmds or gives it
    no argument."""
    if len(argv) < 3 or argv[1] not in cmds:
        print(doc, file=sys.stderr)
        return 2
    cmds[argv[1]](*argv[2:])
    return 0


def nofile_at_least(n):
    """Raise this process's soft limit of open files to n, or to the hard
    limit if that is lower; never lower it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < n:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(n, hard), hard))


async def flood(n, one, kinds, summary, stop):
    """Run n copies of one(held) at once. Each returns one of kinds and
    appends to held the stream writers it keeps open. Then write summary
    (whole, by a rename), one line: how many returned each of kinds, in
    order; hold every connection open until the file stop exists (120 s
    at most); then close them."""
    held = []
    res = await asyncio.gather(*[one(held) for _ in range(n)])
    with open(summary + ".tmp", "w") as f:
        f.write(" ".join(str(res.count(k)) for k in kinds) + "\n")
    os.rename(summary + ".tmp", summary)
    for _ in range(2400):
        if os.path.exists(stop):
            break
        await asyncio.sleep(0.05)
    for w in held:
        w.close()
