"""The kinds of e-mail, registered by the apps that send them.

The outbox knows no app: each app describes its e-mails here when it is ready
(AppConfig.ready), and the outbox asks the kind, at sending time, for the recipients and
the templates' context of a whole chunk at once (a signature's confirmation reads its
chunk's signers in two queries, not two per e-mail). What a kind reads then, a moment
before the mail server is called, is the truth: an order cancelled or a signer erased
since the e-mail was queued gets no e-mail. An erasure also deletes the e-mails still
waiting (services.emails_cancel), so one made while its chunk is being sent stops it too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Envelope:
    to: str
    context: dict[str, Any]
    # What differs from one recipient to the next, printed as is (marathon.lib.mail.build_email)...
    personal: dict[str, str] = field(default_factory=dict)
    # ...and a key of the rest of the context: the e-mail is then written once per key.
    same_for: Hashable = None


# The envelope of each object the e-mails are about (by id), or None when there is
# nothing to send any more; an id may be missing, which means None too.
Envelopes = Callable[[Sequence[int]], Mapping[int, "Envelope | None"]]


@dataclass(frozen=True)
class EmailKind:
    name: str
    # Templates <template>_subject.txt, <template>.txt and <template>.html.
    template: str
    # Read in the recipients' language, for the chunk about to be sent.
    envelopes: Envelopes
    # Called in the transaction that marks the e-mail sent, once the mail server took the
    # message, for a kind that records it on its own rows (an order's "confirmation sent at").
    sent: Callable[[int, datetime.datetime], None] | None = None
    # Someone is waiting for it on the screen that said "check your mailbox" (a signature's
    # confirmation): handed to the workers ahead of every other e-mail.
    urgent: bool = False


@dataclass(frozen=True)
class OneAtATime:
    """Envelopes read one object at a time: for kinds sent by the dozen, not the thousand.

    A dataclass, not a closure, so that a kind registered twice compares equal.
    """

    envelope: Callable[[int], Envelope | None]

    def __call__(self, object_ids: Sequence[int]) -> dict[int, Envelope | None]:
        return {object_id: self.envelope(object_id) for object_id in object_ids}


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
