"""A byte-for-byte TCP relay (no HTTP, no auth, nothing): the floor for any proxy's added latency.

    python benchmarks/tcp_relay.py LISTEN_PORT TARGET_PORT

Used by gateway_overhead.py to separate what one more process hop costs on this machine from
what the gateway's own work costs.
"""

from __future__ import annotations

import asyncio
import sys

import uvloop


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65_536):
            writer.write(data)
    except OSError:
        pass
    finally:
        writer.close()


async def main(listen: int, target: int) -> None:
    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(pipe(client_r, server_w), pipe(server_r, client_w))

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    uvloop.run(main(int(sys.argv[1]), int(sys.argv[2])))
