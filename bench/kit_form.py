"""What a kit order costs the web process, with the empty form laid out per request or once.

Run it against a throw-away Postgres database (created if missing, migrated, the demo
campaign loaded) and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mdl_kit_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/kit_form.py

In process, through Django's test client: each order is the form's GET and its POST, as a
supporter sends them; printed: CPU ms per order, GET and POST apart, for each round. (It
alternated the form laid out per request and once until issue 21; since then a GET makes
no form at all, so there is nothing to switch off.)
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.inprocess import demo_database  # sets the environment, first


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orders", type=int, default=40, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    demo_database()
    from django.test import Client
    from django.test.utils import override_settings

    client = Client()
    spent = {"GET": 0.0, "POST": 0.0}

    def order() -> None:
        client.cookies.clear()
        start = time.process_time()
        html = client.get("/fr/kit/commander/").content.decode()
        spent["GET"] += time.process_time() - start
        token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
        unique = uuid.uuid4().hex[:10]
        data = {
            "form_token": token, "kind": "individual", "contact_name": "Léa Dupont",
            "email": f"bench-{unique}@example.be", "street": f"Rue {unique}", "postcode": "5000",
            "city": "Namur", "writers": "3", "consent": "on",
        }  # fmt: skip
        start = time.process_time()
        assert client.post("/fr/kit/commander/", data).status_code == 302
        spent["POST"] += time.process_time() - start

    unlimited = (1_000_000, 60)
    with override_settings(
        ALLOWED_HOSTS=["*"],
        KIT_ORDERS_RATE_PER_IP=unlimited,
        KIT_ORDERS_RATE_PER_IP_WITH_PROOF=unlimited,
        KIT_ORDERS_RATE_PER_EMAIL=unlimited,
    ):
        for _ in range(5):
            order()
        for n in range(args.rounds):
            spent.update(GET=0.0, POST=0.0)
            for _ in range(args.orders):
                order()
            get, post = (spent[method] / args.orders * 1000 for method in ("GET", "POST"))
            print(f"round {n + 1}: {get + post:5.1f} ms CPU per order (GET {get:4.1f} + POST {post:4.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
