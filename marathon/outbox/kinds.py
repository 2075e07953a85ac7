"""The kinds of e-mail, registered by the apps that send them.

The outbox knows no app: each app describes its e-mails here when it is ready
(AppConfig.ready), and the outbox asks the kind, at sending time, for the recipient and
the templates' context. What a kind reads then is the truth of that moment: an order
cancelled or a signer erased since the e-mail was queued gets no e-mail.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Envelope:
    to: str
    context: dict[str, Any]


@dataclass(frozen=True)
class EmailKind:
    name: str
    # Templates <template>_subject.txt, <template>.txt and <template>.html.
    template: str
    # The recipient and context for the object the e-mail is about, or None when there is
    # nothing to send any more. Called in the sending transaction, the row locked.
    envelope: Callable[[int], Envelope | None]
    # Called in the same transaction once the mail server took the message, for a kind
    # that records it on its own rows (an order's "confirmation sent at").
    sent: Callable[[int, datetime.datetime], None] | None = None


_kinds: dict[str, EmailKind] = {}


def register(kind: EmailKind) -> EmailKind:
    if kind.name in _kinds and _kinds[kind.name] != kind:
        raise ValueError(f"e-mail kind {kind.name!r} is registered twice")
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> EmailKind:
    return _kinds[name]


def registered() -> list[str]:
    return sorted(_kinds)
