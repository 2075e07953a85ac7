"""Fixed-window rate limits counted in Redis, that fail open.

A limit is (COUNT, SECONDS), e.g. (60, 600): 60 hits per 10 minutes, read from the
environment by settings.py. When Redis is unreachable the limiter lets the
request through and stops trying Redis for a few seconds, so an outage costs each
request at most one short connection timeout rather than answering 429 or 500.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import threading
import time
from dataclasses import dataclass

import redis
from django.conf import settings
from django.http import HttpRequest
from redis.commands.core import Script

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = 5.0

_client: redis.Redis | None = None
_client_url = ""
# The counting script, registered with the client: sent by its digest (EVALSHA), and in
# full again if Redis has forgotten it (a restart).
_count: Script | None = None
_down_until = 0.0
_lock = threading.Lock()


# Counts a hit against each key (its window expiring with it); the last key only when the
# first is within its count (ARGV[1] = 1), so that a post already over one limit is not
# counted against the next: one round trip where it took two.
_COUNT = """
local gated = ARGV[1] == "1"
local counts = {}
for i, key in ipairs(KEYS) do
  if gated and i == #KEYS and counts[1] > tonumber(ARGV[2]) then
    break
  end
  counts[i] = redis.call("INCR", key)
  if counts[i] == 1 then
    redis.call("EXPIRE", key, ARGV[i * 2 + 1])
  end
end
return counts
"""


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def _redis() -> redis.Redis | None:
    global _client, _client_url, _count
    url = settings.REDIS_URL
    if not url:
        return None
    if _client is None or _client_url != url:
        with _lock:
            client = redis.Redis.from_url(url, socket_connect_timeout=0.25, socket_timeout=0.25)
            _count = client.register_script(_COUNT)
            _client, _client_url = client, url
    return _client


def hit(*limits: tuple[str, tuple[int, int]]) -> bool:
    """Count one hit against each (key, (count, seconds)); False when any is exceeded.

    Keys are hashed, so Redis never holds an e-mail address or an IP address.
    """
    return not any(exceeded(*limits))


def exceeded(
    *limits: tuple[str, tuple[int, int]], then: tuple[str, tuple[int, int]] | None = None
) -> list[bool]:
    """Count one hit against each (key, (count, seconds)): which of them are exceeded.

    `then` is counted too, in the same round trip, but only when the first limit is not
    exceeded; its verdict comes last (False when it was not counted). None is exceeded
    when Redis cannot be reached (fail open).
    """
    global _down_until
    counted = [(name, Limit(*spec)) for name, spec in ([*limits, then] if then else limits)]
    if _redis() is None or time.monotonic() < _down_until:
        return [False] * len(counted)
    now = int(time.time())
    keys, args = [], ["1" if then else "0"]
    for name, limit in counted:
        keys.append(f"rl:{_digest(name)}:{limit.seconds}:{now // limit.seconds}")
        args += [str(limit.count), str(limit.seconds + 1)]
    try:
        assert _count is not None  # registered with the client
        counts = _count(keys=keys, args=args)
    except redis.RedisError as error:
        _down_until = time.monotonic() + RETRY_AFTER_FAILURE
        logger.warning("rate limiter: Redis unavailable, letting requests through (%s)", error)
        return [False] * len(counted)
    counts += [0] * (len(counted) - len(counts))  # `then`, when it was not counted
    return [count > limit.count for count, (_name, limit) in zip(counts, counted, strict=True)]


def first_use(name: str, seconds: int) -> bool:
    """True the first time name is used within seconds (a proof, a one-time answer).

    Fails open like the limits: with Redis down, nothing is limited anyway.
    """
    global _down_until
    client = _redis()
    if client is None or time.monotonic() < _down_until:
        return True
    try:
        return bool(client.set(f"once:{_digest(name)}", 1, nx=True, ex=seconds))
    except redis.RedisError as error:
        _down_until = time.monotonic() + RETRY_AFTER_FAILURE
        logger.warning("rate limiter: Redis unavailable, letting requests through (%s)", error)
        return True


def _digest(name: str) -> str:
    return hashlib.blake2b(name.encode(), digest_size=12).hexdigest()


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only behind TRUSTED_PROXIES proxies."""
    hops = settings.TRUSTED_PROXIES
    if hops:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= hops and forwarded[-hops]:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def client_key(address: str) -> str:
    """What a limit per address counts: an IPv4 address, or the /64 of an IPv6 one.

    An IPv6 subscriber is given a whole /64 (often more) and can pick a new address in it
    for each request, so counting addresses would not limit anyone.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def ip_range(address: str) -> str:
    """The /24 (IPv4) or /48 (IPv6) network of an address, or "" if it is not one."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
