"""A small asyncio HTTP/1.1 client for the benches: keep-alive, cookies, CSRF tokens.

Plain asyncio streams rather than a client library: on a 2-core box the load generator
shares the CPU with the site, and this costs a few tens of microseconds a request. For
the same reason the benches run it on uvloop (`run`): bench.sign's generator took a third
less CPU per signature on a new connection than with asyncio's own loop (1.2-1.3 ms
against 1.9, runs alternated on a box about twice slower than usual), CPU the site gets
back.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import urllib.parse

import uvloop

run = uvloop.run

TOKEN_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Connection:
    """One keep-alive connection to 127.0.0.1:port (reopened when the server closes it)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, headers: dict[str, str], body: bytes = b""):
        reused = self.writer is not None
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        lines += [f"{key}: {value}" for key, value in headers.items()]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionResetError):
            if not reused:
                raise
            # The server closed an idle keep-alive connection as this request went out;
            # a browser sends it again on a new one (the server read none of it).
            await self.close()
            return await self.request(method, path, headers, body)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        response_headers: list[tuple[str, str]] = []
        for line in header_lines:
            if ":" in line:
                key, value = line.split(":", 1)
                response_headers.append((key.strip().lower(), value.strip()))
        found = dict(response_headers)
        if found.get("transfer-encoding", "").lower() == "chunked":
            payload = await self._read_chunked()
        elif "content-length" in found:
            length = int(found["content-length"])
            payload = await self.reader.readexactly(length) if length else b""
        elif method == "HEAD" or status in (204, 304):
            payload = b""
        else:  # no length: the body runs to the end of the connection
            payload = await self.reader.read()
            await self.close()
        if found.get("connection", "").lower() == "close":
            await self.close()
        return status, response_headers, payload

    async def _read_chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


class Browser:
    """What a browser keeps between requests: a connection, cookies, the last form's token."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = Connection(port)
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict[str, str]) -> dict[str, str]:
        headers = {"Accept": "text/html", "Accept-Encoding": "gzip", **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def _keep_cookies(self, headers: list[tuple[str, str]]) -> None:
        for key, value in headers:
            if key == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]

    async def get(self, path: str):
        try:
            status, headers, body = await self.connection.request("GET", path, self._headers({}))
        except BaseException:
            await self.connection.close()
            raise
        self._keep_cookies(headers)
        return status, headers, body

    async def post(self, path: str, fields: list[tuple[str, str]] | dict[str, str]):
        body = urllib.parse.urlencode(fields).encode()
        extra = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://127.0.0.1:{self.port}{path}",
        }
        try:
            status, headers, payload = await self.connection.request("POST", path, self._headers(extra), body)
        except BaseException:
            await self.connection.close()
            raise
        self._keep_cookies(headers)
        return status, headers, payload

    async def close(self) -> None:
        await self.connection.close()


def csrf_token(body: bytes) -> str | None:
    found = TOKEN_RE.search(body)
    return found.group(1).decode() if found else None
