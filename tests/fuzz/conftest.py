"""Generated input through every public form (hypothesis), with the Django test client.

FUZZ_EXAMPLES sets how many submissions each form gets (1 000 by default, as in CI: 2 000
took the eight forms six and a half minutes on this box, more than half of `make test`;
FUZZ_EXAMPLES=20000 for a long run before a campaign).
Runs are derandomised so that CI sees the same inputs every time; a failure prints
the input that caused it.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os

import pytest
from django.db import transaction
from django.http import HttpResponse
from hypothesis import HealthCheck, settings

from petitions import counts, lookup

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1000"))

settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FUZZ = settings.get_profile("fuzz")


# One page in RENDER_EVERY is rendered in full; the others stop after the form's errors
# are formatted. Rendering is four fifths of a request's time, and the pages' templates
# get their own tests; the full renders still see every kind of generated input.
RENDER_EVERY = 8


@pytest.fixture(autouse=True)
def _mostly_skip_rendering(monkeypatch):
    import django.shortcuts

    calls = itertools.count()
    real_render = django.shortcuts.render

    def render(request, template_name, context=None, *args, status=None, **kwargs):
        if next(calls) % RENDER_EVERY == 0:
            return real_render(request, template_name, context, *args, status=status, **kwargs)
        form = (context or {}).get("form")
        if form is not None:
            for errors in form.errors.as_data().values():
                for error in errors:
                    list(error)  # formats each message with its parameters
            for bound_field in form:
                bound_field.value()
        return HttpResponse(template_name, status=status or 200)

    for module in ("petitions.views", "kits.views", "marathon.tally.views", "marathon.views"):
        monkeypatch.setattr(f"{module}.render", render)


@pytest.fixture(autouse=True)
def _quiet_request_log():
    # Thousands of "Bad Request" warnings cost time and say nothing here.
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.PETITIONS_RATE_PER_IP = (10**9, 60)
    settings.PETITIONS_RATE_PER_EMAIL = (10**9, 60)
    settings.KIT_ORDERS_RATE_PER_IP = (10**9, 60)
    settings.KIT_ORDERS_RATE_PER_EMAIL = (10**9, 60)
    settings.PERSONAL_DATA_RATE_PER_EMAIL = (10**9, 60)
    counts.forget()
    lookup.forget()
    yield
    counts.forget()
    lookup.forget()


@contextlib.contextmanager
def rolled_back():
    """One generated submission, undone afterwards so that each starts from the same rows."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def row_counts(*tables: str) -> dict[str, int]:
    """Rows in each table, in one query (each generated submission checks them)."""
    from django.db import connection

    selects = ", ".join(f"(SELECT COUNT(*) FROM {table})" for table in tables)  # noqa: S608 (the test's own names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {selects}")
        return dict(zip(tables, cursor.fetchone(), strict=True))
