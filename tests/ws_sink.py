# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""ws_sink.py: a stand-in for fohd's WebSocket ingest, for tests/e2e-sim.sh.

Listens on 127.0.0.1 at a free port and writes the port to PORTFILE. Checks
the upgrade's "Authorization: Bearer TOKEN" (HTTP 401 without it, when a
token is given), answers every frame like fohd does -- {"accepted": N,
"rejected": 0, "errors": []} with N the readings in the frame -- and appends
each frame, one per line, to FRAMES. With --drop-after K it closes the first
connection after K frames, to exercise reconnecting. With --reject it refuses
the first reading of every frame with an error, like fohd would.

usage: ws_sink.py PORTFILE FRAMES [--token T] [--drop-after K] [--reject]
"""
import argparse
import asyncio
import http
import json
import os

import websockets
import websockets.server


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("portfile")
    ap.add_argument("frames")
    ap.add_argument("--token")
    ap.add_argument("--drop-after", type=int, default=0)
    ap.add_argument("--reject", action="store_true")
    args = ap.parse_args()
    state = {"connections": 0}

    async def check_auth(path, headers):
        if path != "/ingest":
            return http.HTTPStatus.NOT_FOUND, [], b"no such path\n"
        if args.token is not None and \
                headers.get("Authorization") != "Bearer " + args.token:
            return http.HTTPStatus.UNAUTHORIZED, [], b"token refused\n"
        return None

    async def handle(ws, path=None):
        state["connections"] += 1
        conn = state["connections"]
        n = 0
        async for msg in ws:
            try:
                doc = json.loads(msg)
            except ValueError as e:
                await ws.send(json.dumps({"accepted": 0, "rejected": 1,
                    "errors": [{"index": -1, "code": "json",
                                "reason": str(e)}]}))
                continue
            readings = doc if isinstance(doc, list) else [doc]
            with open(args.frames, "a") as f:
                f.write(json.dumps(doc) + "\n")
            answer = {"accepted": len(readings), "rejected": 0, "errors": []}
            if args.reject and readings:
                answer["accepted"] -= 1
                answer["rejected"] = 1
                answer["errors"] = [{"index": 0,
                    "kind": readings[0].get("kind"), "field": "count",
                    "code": "range", "reason": "test refusal"}]
            await ws.send(json.dumps(answer))
            n += 1
            if conn == 1 and args.drop_after and n >= args.drop_after:
                await ws.close()
                return

    async def serve():
        async with websockets.serve(handle, "127.0.0.1", 0,
                                    process_request=check_auth) as server:
            port = server.sockets[0].getsockname()[1]
            tmp = args.portfile + ".tmp"
            with open(tmp, "w") as f:
                f.write("%d\n" % port)
            os.rename(tmp, args.portfile)
            await asyncio.Future()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
