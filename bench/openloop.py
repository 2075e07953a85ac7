"""Offered load: operations started at a fixed rate, whatever the site answers (an open loop).

A closed loop (each virtual user waits for its answer before the next request) slows
down with the site, so it never shows what a backlog does to the e-mails. Here a new
supporter arrives every 1/rate seconds, as on the evening of a TV appeal; each one is a
browser of its own (an idle one is reused, with its cookies and connection).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from bench.client import Browser

# More supporters waiting for an answer than this means the site has fallen over; the
# bench stops offering rather than open thousands of connections.
MOST_IN_FLIGHT = 1000


@dataclass
class Offered:
    started: int = 0
    refused: int = 0  # arrivals not started: MOST_IN_FLIGHT were waiting
    late_s: float = 0.0  # the latest start, behind its time: the load generator's own limit


async def offer(
    run_one: Callable[[Browser, int], Awaitable[None]], *, port: int, rate: float, seconds: float
) -> Offered:
    """Start run_one(browser, n) every 1/rate seconds for `seconds`; wait for the last."""
    loop = asyncio.get_running_loop()
    offered, idle, running = Offered(), [], set()
    begin = loop.time()

    async def arrival(n: int) -> None:
        browser = idle.pop() if idle else Browser(port)
        try:
            await run_one(browser, n)
        finally:
            idle.append(browser)

    n = 0
    while n / rate < seconds:
        due = begin + n / rate
        now = loop.time()
        if due > now:
            await asyncio.sleep(due - now)
        else:
            offered.late_s = max(offered.late_s, now - due)
        if len(running) >= MOST_IN_FLIGHT:
            offered.refused += 1
        else:
            task = asyncio.create_task(arrival(n))
            running.add(task)
            task.add_done_callback(running.discard)
            offered.started += 1
        n += 1
    await asyncio.gather(*running)
    for browser in idle:
        await browser.close()
    return offered


def rss_mb(pids) -> float:
    """Private resident memory of these processes, in MB (from /proc): RssAnon, since
    the shared pages (Postgres's shared buffers, a forked worker's code) would be counted
    once per process and grow as they are touched, leak or not."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("RssAnon:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024
