"""CPU time of the processes a bench starts, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def processes() -> dict[int, tuple[int, str, float]]:
    """{pid: (parent pid, command name, CPU seconds used)} of every process we can read."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            raw = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry.name)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def tree(found: dict[int, tuple[int, str, float]], *roots: int) -> dict[int, float]:
    """{pid: CPU seconds} of the roots and all their descendants."""
    children: dict[int, list[int]] = {}
    for pid, (parent, _name, _cpu) in found.items():
        children.setdefault(parent, []).append(pid)
    result, stack = {}, list(roots)
    while stack:
        pid = stack.pop()
        if pid in found:
            result[pid] = found[pid][2]
        stack += children.get(pid, [])
    return result


def postgres_backends(found: dict[int, tuple[int, str, float]], database: str) -> dict[int, float]:
    """{pid: CPU seconds} of the Postgres backends connected to this database (not another's)."""
    result = {}
    for pid, (_parent, name, cpu) in found.items():
        if name != "postgres":
            continue
        try:
            title = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if f" {database} " in title:
            result[pid] = cpu
    return result


def used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    """CPU seconds per part between two snapshots (a process that ended in between is lost)."""
    return {
        part: sum(cpu - before[part].get(pid, 0.0) for pid, cpu in pids.items())
        for part, pids in after.items()
    }


def redis_servers(found: dict[int, tuple[int, str, float]]) -> dict[int, float]:
    """{pid: CPU seconds} of the Redis servers (shared with whatever else runs here)."""
    return {pid: seconds for pid, (_parent, name, seconds) in found.items() if name == "redis-server"}
