"""One file of each kind the workers make (marathon.lib.workerfiles), asked for the way the site asks.

For the tests proving that each kind goes through a killed worker the same way: in the
end one row READY, one file of it in its folder, and the PDF is the right document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from tests.faults.stack import manage


@dataclass(frozen=True)
class FileKind:
    name: str
    table: str
    # Where its files go: the env's storage root (MEDIA_ROOT or PRIVATE_MEDIA_ROOT), a folder in it.
    root: str
    folder: str
    # Run in `manage.py shell`: asks for one file of this kind (its row queued, no worker
    # running) and prints, as JSON, words its PDF must show.
    ask: str

    def request(self, env: dict[str, str]) -> list[str]:
        """Ask for the file; the words that prove its PDF is the one asked for."""
        out = manage(env, "shell", "-c", "import json; " + self.ask)
        return json.loads(out.strip().splitlines()[-1])

    def rows(self, pg, columns: str = "status, attempts, file") -> list[tuple]:
        return pg.query(f"SELECT {columns} FROM {self.table}")  # noqa: S608 (the test's own names)

    def unlocked(self, pg) -> list[tuple]:
        """The rows no transaction holds: a worker making a row's file holds it."""
        return pg.query(f"SELECT id FROM {self.table} FOR UPDATE SKIP LOCKED")  # noqa: S608

    def files(self, env: dict[str, str]) -> list[str]:
        """Every file in the kind's folder, named as its storage names them."""
        root = Path(env[self.root])
        folder = root / self.folder
        return (
            sorted(str(p.relative_to(root)) for p in folder.rglob("*") if p.is_file())
            if folder.exists()
            else []
        )

    def text(self, env: dict[str, str], name: str) -> str:
        """The PDF's text, its whitespace made single spaces (names may break across lines)."""
        reader = PdfReader(Path(env[self.root]) / name)
        return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


KINDS = [
    # A case's fact sheet, as the page of printables asks for it (one spec of the campaign's).
    FileKind(
        "printable",
        "kits_printabledocument",
        "MEDIA_ROOT",
        "printables",
        "from cases.models import Campaign; from kits import printing; "
        "from kits.printables import printable_documents_request; "
        "spec = next(s for s in printing.campaign_specs(Campaign.objects.current(), 'fr') "
        "if s.kind == 'fact-sheet' and s.case.slug == 'cas-1'); "
        "printable_documents_request(specs=[spec]); print(json.dumps([spec.case.person_name]))",
    ),
    # Staff print the labels of a few orders.
    FileKind(
        "labels",
        "kits_labelbatch",
        "PRIVATE_MEDIA_ROOT",
        "kits/labels",
        "from kits.models import KitOrder; from kits.services import label_batch_create; "
        "from tests.kits.helpers import make_kit_order; "
        "orders = [make_kit_order() for _ in range(3)]; "
        "label_batch_create(orders=KitOrder.objects.filter(pk__in=[o.pk for o in orders]), by=None); "
        "print(json.dumps([o.reference for o in orders]))",
    ),
    # Staff prepare the handover to the one embassy of the campaign's cases' country.
    FileKind(
        "pack",
        "tally_handover",
        "PRIVATE_MEDIA_ROOT",
        "tally/handover",
        "from cases.models import Campaign; from marathon.tally.services import handover_prepare; "
        "from tests.factories import make_embassy; "
        "embassy = make_embassy(name='Ambassade Quetzal'); "
        "assert len(handover_prepare(campaign=Campaign.objects.current())) == 1; "
        "print(json.dumps([embassy.name]))",
    ),
]
