"""Public signature counts that stay exact under load and cost nothing to read.

The design, and why:

- **Truth** is the Signature rows: a signature counts when ``confirmed_at`` is set and
  ``invalidated_at`` is not. Erasure anonymises a signer but keeps the row, so erased
  signatures still count.
- **No hot row.** Confirming does not ``UPDATE`` a counter: in the same transaction
  that sets ``confirmed_at`` it *inserts* one ``CountDelta`` row per petition (+n);
  invalidating inserts −n. Inserts never wait on each other, so a thousand people
  confirming at once never queue behind one row lock.
- **Roll-up.** A Celery beat task (`rollup`, every second) runs one statement that
  deletes the pending deltas and adds their sums to ``PetitionTally`` (one row per
  petition). Deleting what it adds, in one statement, is what keeps it exact: a delta
  committed a moment later is simply still there for the next run, whatever the commit
  order; the database's row locks stop two roll-ups from adding the same delta, and a
  Postgres advisory lock keeps a second one from even trying. The tally rows are
  written by this one task, about once a second, never per signature.
- **Reading** a count is a read of the few tally rows (one query for every petition),
  kept for ``CACHE_SECONDS`` (1 s) in the web process. A page showing it is kept by the
  page cache (`marathon.lib.pagecache`, 2 s, and a stale copy for the time of one
  render, at most its 1 s lock). Shown counts are therefore at most roll-up interval
  (1 s) + this cache (1 s) + the page's (2 s) behind, plus a roll-up's and a render's
  time (milliseconds): about 4 s, 5 s if the request renewing a page dies in the middle.
  The promise is 5 s (tests/petitions/test_counts.py adds the parts up; `make bench`
  measures it).
- **Reconciliation.** Nightly, `reconcile` recounts with ``COUNT(*)`` and replaces
  the tallies, in one statement (one snapshot) that also drops the deltas already
  reflected by that count. It repairs anything done behind the services' back (say,
  rows deleted by hand in SQL). It is the only place that counts all the rows.
- Without Redis (a laptop) there is no beat: the services roll up in-process right
  after each confirmation.

Paper signatures, counted by the volunteers from returned sheets (the tally's
`LetterBatchLine` of kind "signature"), are never mixed into these rows: a count is shown
as ``PetitionCount(online=..., paper=...)``. ``paper`` is one small aggregate of those
lines (their index covers it), kept PAPER_CACHE_SECONDS in each process: sheets are
counted at a table, by hand, and a figure 10 s old is as good as a fresh one. It is
``None`` while no sheet has been counted for that petition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from marathon.lib.kept import kept
from petitions import portable

CACHE_SECONDS = 1.0
# Paper sheets are counted by hand; their figure need not be as fresh as the online one.
PAPER_CACHE_SECONDS = 10.0
# Any constant shared by every process that rolls up; the number means nothing.
ADVISORY_LOCK_KEY = 7_301_001


@dataclass(frozen=True)
class PetitionCount:
    online: int
    # Filled in by the returned-letter tally once staff count paper sheets.
    paper: int | None = None

    @property
    def total(self) -> int:
        return self.online + (self.paper or 0)

    @classmethod
    def combined(cls, counts: Iterable[PetitionCount]) -> PetitionCount:
        """Several petitions' counts added up, online and paper apart."""
        counts = list(counts)
        papers = [count.paper for count in counts if count.paper is not None]
        return cls(online=sum(count.online for count in counts), paper=sum(papers) if papers else None)


@kept(CACHE_SECONDS)
def online_counts() -> dict[int, int]:
    """{petition id: confirmed online signatures}, at most CACHE_SECONDS old in this process."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT petition_id, confirmed FROM petitions_petitiontally")
        return dict(cursor.fetchall())


# Signatures collected on paper are counted by the tally, which builds on the petitions:
# it hands its loader over when it is ready (marathon.tally.apps), so that this app never
# imports it. With no tally installed, no petition has paper signatures.
_paper_loader: Callable[[], dict[int, int]] = dict


def paper_source_register(load: Callable[[], dict[int, int]]) -> None:
    """Say where paper signatures come from: load() gives {petition id: signatures}."""
    global _paper_loader
    _paper_loader = load


@kept(PAPER_CACHE_SECONDS)
def paper_counts() -> dict[int, int]:
    """{petition id: paper signatures counted}, at most PAPER_CACHE_SECONDS old in this process."""
    return _paper_loader()


def counts_for(petition_ids) -> dict[int, PetitionCount]:
    online = online_counts()
    paper = paper_counts()
    return {pk: PetitionCount(online=online.get(pk, 0), paper=paper.get(pk) or None) for pk in petition_ids}


def forget() -> None:
    """Drop this process's cached counts (after a roll-up in the same process)."""
    online_counts.cache_clear()
    paper_counts.cache_clear()


@transaction.atomic
def rollup() -> int:
    """Move pending deltas into the tallies; the number of deltas consumed."""
    if connection.vendor != "postgresql":
        consumed = portable.rollup()
        forget()
        return consumed
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute(
            """
            WITH moved AS (DELETE FROM petitions_countdelta RETURNING petition_id, delta),
                 sums AS (SELECT petition_id, SUM(delta) AS n, COUNT(*) AS rows
                          FROM moved GROUP BY petition_id),
                 applied AS (
                     INSERT INTO petitions_petitiontally (petition_id, confirmed, updated_at)
                     SELECT petition_id, n, now() FROM sums
                     ON CONFLICT (petition_id) DO UPDATE
                         SET confirmed = petitions_petitiontally.confirmed + EXCLUDED.confirmed,
                             updated_at = now()
                     RETURNING 1
                 )
            SELECT COALESCE(SUM(rows), 0) FROM sums
            """
        )
        consumed = int(cursor.fetchone()[0])
    forget()
    return consumed


@transaction.atomic
def reconcile() -> None:
    """Replace every tally by a fresh COUNT(*) of the counted signatures."""
    if connection.vendor != "postgresql":
        portable.reconcile()
        forget()
        return
    with connection.cursor() as cursor:
        # Wait for a running roll-up: both statements must not interleave.
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        # One statement, one snapshot: the deltas it deletes are exactly those whose
        # signatures this COUNT already sees; later ones stay for the next roll-up.
        cursor.execute(
            """
            WITH dropped AS (DELETE FROM petitions_countdelta RETURNING 1),
                 -- Count first, then join the few petitions: joining a million rows to
                 -- their petition before grouping took twice as long (bench/__main__.py).
                 counted AS (
                     SELECT p.id AS petition_id, COALESCE(c.n, 0) AS n
                     FROM petitions_petition p
                     LEFT JOIN (
                         SELECT petition_id, COUNT(*) AS n FROM petitions_signature
                         WHERE confirmed_at IS NOT NULL AND invalidated_at IS NULL
                         GROUP BY petition_id
                     ) c ON c.petition_id = p.id
                 )
            INSERT INTO petitions_petitiontally (petition_id, confirmed, updated_at)
            SELECT petition_id, n, now() FROM counted
            ON CONFLICT (petition_id) DO UPDATE SET confirmed = EXCLUDED.confirmed, updated_at = now()
            """
        )
    forget()
