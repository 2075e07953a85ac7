"""One e-mail of each kind the outbox sends, caused the way the site causes it.

A petition's confirmation has tests of its own (test_redis_down, test_worker_killed);
these are the other kinds, for the tests proving that each one goes through a broker
outage or a killed worker the same way: one outbox row, one e-mail, once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from tests.faults.stack import Browser, manage


def kit_order(token: str, email: str) -> dict:
    """The kit order form, as a school fills it in."""
    return {
        "form_token": token,
        "kind": "school",
        "organisation_name": "Athénée royal",
        "age_band": "10-14",
        "contact_name": "Léa Dupont",
        "email": email,
        "street": "Rue de l'Été 12",
        "postcode": "5000",
        "city": "Namur",
        "writers": "24",
        "consent": "on",
    }


def _order_kit(stack, browser: Browser, to: str) -> None:
    """Someone orders a kit on the site."""
    token = str(uuid.uuid4())
    csrf = browser.csrf_token("/fr/kit/commander/")
    response = browser.post("/fr/kit/commander/", {**kit_order(token, to), "csrfmiddlewaretoken": csrf})
    assert (response.status, response.location) == (302, f"/fr/kit/commande/{token}/"), response.body[:300]


def _ship_kit(stack, browser: None, to: str) -> None:
    """Staff ship an order whose confirmation went out long ago (the admin calls this service)."""
    manage(
        stack.env(),
        "shell",
        "-c",
        (
            "from django.utils import timezone; from kits.services import kit_order_ship; "
            "from tests.kits.helpers import make_kit_order; "
            f"order = make_kit_order(email={to!r}, confirmation_sent_at=timezone.now()); "
            "kit_order_ship(order_id=order.pk, by=None)"
        ),
    )


def _marathon_over(stack, browser: None, to: str) -> None:
    """A marathon took place yesterday; the periodic task asks its organiser for a report."""
    manage(
        stack.env(),
        "shell",
        "-c",
        (
            "import datetime; from django.utils import timezone; "
            "from kits.tasks import queue_report_requests; from tests.kits.helpers import make_kit_order; "
            f"make_kit_order(email={to!r}, confirmation_sent_at=timezone.now(), "
            "marathon={'date': timezone.localdate() - datetime.timedelta(days=1)}); "
            "queued = queue_report_requests(); assert queued == 1, queued"
        ),
    )


def _deadline_near(stack, browser: None, to: str) -> None:
    """The letters deadline is near; the periodic task reminds the orderer (the seeded
    deadline is 60 days ahead: the reminder window is widened for this process)."""
    manage(
        stack.env(KIT_REMINDER_DAYS_BEFORE="90"),
        "shell",
        "-c",
        (
            "from django.utils import timezone; from kits.tasks import queue_reminders; "
            "from tests.kits.helpers import make_kit_order; "
            f"make_kit_order(email={to!r}, confirmation_sent_at=timezone.now()); "
            "queued = queue_reminders(); assert queued == 1, queued"
        ),
    )


def _ask_for_personal_data(stack, browser: Browser, to: str) -> None:
    """Someone asks for the links to their own data."""
    csrf = browser.csrf_token("/fr/mes-donnees/")
    response = browser.post("/fr/mes-donnees/", {"email": to, "csrfmiddlewaretoken": csrf})
    assert (response.status, response.location) == (302, "/fr/mes-donnees/envoye/"), response.body[:300]


@dataclass(frozen=True)
class Kind:
    name: str  # outbox_email.kind
    # Makes the site queue one e-mail of this kind to `to`: through the web server's pages
    # (given a Browser on it) if `web`, else as staff or a periodic task do, in a process
    # of the site (manage.py shell).
    cause: Callable[..., None]
    web: bool
    # How many rows the kind's hook has marked as sent (an order's confirmation_sent_at...).
    stamped: str

    @property
    def to(self) -> str:
        return f"{self.name.replace('.', '-')}@example.be"


KINDS = [
    Kind(
        "kits.confirmation",
        _order_kit,
        web=True,
        stamped="SELECT COUNT(*) FROM kits_kitorder WHERE confirmation_sent_at IS NOT NULL",
    ),
    Kind(
        "kits.shipped",
        _ship_kit,
        web=False,
        stamped="SELECT COUNT(*) FROM kits_kitorder WHERE shipped_email_sent_at IS NOT NULL",
    ),
    Kind(
        "kits.report-request",
        _marathon_over,
        web=False,
        stamped="SELECT COUNT(*) FROM kits_organisedmarathon WHERE report_requested_at IS NOT NULL",
    ),
    Kind(
        "kits.reminder",
        _deadline_near,
        web=False,
        stamped="SELECT COUNT(*) FROM kits_kitorder WHERE reminder_sent_at IS NOT NULL",
    ),
    Kind(
        "marathon.personal-data",
        _ask_for_personal_data,
        web=True,
        stamped="SELECT COUNT(*) FROM marathon_personaldatarequest WHERE sent_at IS NOT NULL",
    ),
]


def outbox(pg) -> list[tuple]:
    """Every outbox row: (kind, attempts, sent)."""
    return pg.query("SELECT kind, attempts, sent_at IS NOT NULL FROM outbox_email ORDER BY kind, id")
