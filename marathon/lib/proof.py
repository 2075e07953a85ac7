"""Proof of a person, asked of a connection past its soft limit instead of a refusal.

Thousands of phones can share one IPv4 address behind a carrier's NAT on the evening a
case is on television. Past the per-address limit a form is answered again with a
challenge: a proof of work (ALTCHA: the browser spends a second or two of computing,
a script sending thousands of posts spends that for each) and, without JavaScript, a
simple question. Only past a much higher limit is the connection refused. Cached pages
never carry a challenge: it is in the answer to the post that went over.

Everything comes from the site itself: the widget is vendored under static/vendor/altcha,
and the challenge is written into the page (nothing is fetched from anyone).
"""

from __future__ import annotations

import datetime
import enum
import json
import secrets
from dataclasses import dataclass

import altcha
from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from marathon.lib import links, ratelimit

ALGORITHM = "PBKDF2/SHA-256"
# The hidden fields the widget and the question fill in.
WIDGET_FIELD = "altcha"
QUESTION_FIELD = "proof_question"
ANSWER_FIELD = "proof_answer"


class Verdict(enum.Enum):
    PASS = "pass"  # noqa: S105 (a verdict, not a password): within the soft limit, or past it with a proof
    ASK = "ask"  # past the soft limit, no valid proof: answer with a challenge
    REFUSE = "refuse"  # past the hard limit
    MAILBOX_FULL = "mailbox-full"  # the connection passes, but the address had its share


@dataclass(frozen=True)
class Challenge:
    """What a page shows to ask for proof: the widget's challenge, the question."""

    widget: str  # JSON for <altcha-widget challenge="...">
    question: str
    question_token: str
    seconds: int


def check(
    request: HttpRequest,
    name: str,
    *,
    soft: tuple[int, int],
    hard: tuple[int, int],
    mailbox: tuple[str, tuple[int, int]] | None = None,
) -> Verdict:
    """Count a post from this connection against name's limits, and judge it.

    `mailbox` is the limit of the address the form names (its key, its limit): a post
    that passes is counted against it too, MAILBOX_FULL past it. A post that does not pass
    is not counted, so that posts refused to a connection never use up someone else's
    address. Within the soft limit, both are counted in one round trip.

    The hard limit is never below the soft one: with the soft one raised for a load
    test (bench/), nothing is asked or refused below it.
    """
    key = f"{name}:{ratelimit.client_key(ratelimit.client_ip(request))}"
    over = ratelimit.exceeded((key, soft), (f"{key}:hard", hard), then=mailbox)
    if not over[0]:
        return Verdict.MAILBOX_FULL if mailbox and over[2] else Verdict.PASS
    if over[1]:
        return Verdict.REFUSE
    if not given(request):
        return Verdict.ASK
    return Verdict.MAILBOX_FULL if mailbox and not ratelimit.hit(mailbox) else Verdict.PASS


def challenge() -> Challenge:
    seconds = int(settings.FORM_PROOF_MINUTES) * 60
    expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
    made = altcha.create_challenge(
        algorithm=ALGORITHM,
        cost=int(settings.FORM_PROOF_COST),
        expires_at=expires,
        hmac_secret=_altcha_secret(),
    )
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = links.make_token(
        {"answer": first + second, "nonce": secrets.token_urlsafe(12)}, purpose=links.Purpose.FORM_PROOF
    )
    return Challenge(
        widget=json.dumps(made.to_dict(), separators=(",", ":")),
        question=f"{first} + {second}",
        question_token=token,
        seconds=seconds,
    )


def given(request: HttpRequest) -> bool:
    """Whether the post carries a valid proof not used before: the widget's, or the answer."""
    seconds = int(settings.FORM_PROOF_MINUTES) * 60
    payload = request.POST.get(WIDGET_FIELD, "")
    if payload:
        if len(payload) > 4000:
            return False
        result = altcha.verify_solution(payload, _altcha_secret())
        if result.verified:
            return ratelimit.first_use(f"proof-widget:{payload}", seconds)
    token = request.POST.get(QUESTION_FIELD, "")
    answer = request.POST.get(ANSWER_FIELD, "").strip()
    if token and answer:
        try:
            expected = links.read_token(token, purpose=links.Purpose.FORM_PROOF)
            right = int(answer[:4]) == expected["answer"]  # int() reads any script's digits
        except (links.LinkError, ValueError, KeyError, TypeError):
            return False
        return right and ratelimit.first_use(f"proof-question:{expected['nonce']}", seconds)
    return False


def _altcha_secret() -> str:
    # Its own key, derived from SECRET_KEY: a challenge signature is no other token's.
    return salted_hmac("marathon.lib.proof", "altcha").hexdigest()
