"""What a signature and an uncached case page cost the web process, in process.

Run it against a throw-away Postgres database (created if missing, migrated, the demo
campaign loaded) and Redis:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mdl_pages_bench \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/pages.py [--profile DIR]

Each request goes through Django's WSGI handler with the production middleware and
DEBUG off, as granian calls it, but without granian: what is left is Django's and the
site's own CPU. A signature is one supporter: the sign page's GET (from the page cache,
with their cookies) and the form's POST. The case page is rendered at every request
(PAGE_CACHE_SECONDS=0, as the bench's "uncached" server). Printed: CPU ms per request for
each round. `--profile DIR` writes a cProfile of one more round of each to DIR
(`python -m pstats DIR/sign.prof`); a sampling profiler (py-spy) attached to this process
gives the shares with less distortion.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import re
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.update(
    {
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # One address signs them all here: the limits as the bench's server raises them.
        "PETITIONS_RATE_PER_IP": "100000000/60",
        "PETITIONS_RATE_PER_EMAIL": "1000/60",
    }
)
from bench.inprocess import demo_database  # sets the environment, first


class Visitor:
    """A browser calling the WSGI application: its cookies kept between requests."""

    def __init__(self, application: Callable) -> None:
        self.application = application
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"") -> tuple[str, bytes]:
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_ACCEPT_LANGUAGE": "fr",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
        }
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body:
            environ.update(
                CONTENT_TYPE="application/x-www-form-urlencoded",
                CONTENT_LENGTH=str(len(body)),
                HTTP_ORIGIN="http://127.0.0.1",
                HTTP_REFERER=f"http://127.0.0.1{path}",
            )
        answer: dict[str, object] = {}

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
            answer["status"] = status
            for name, value in headers:
                if name.lower() == "set-cookie":
                    cookie, _, _ = value.partition(";")
                    key, _, kept = cookie.partition("=")
                    self.cookies[key] = kept

        result = self.application(environ, start_response)
        content = b"".join(result)
        result.close()
        return str(answer["status"]), content


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=1000, help="per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", type=Path, help="write sign.prof and case.prof here")
    args = parser.parse_args()

    demo_database()
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings
    from django.utils import translation

    from cases.models import Case
    from petitions.models import Petition

    application = WSGIHandler()
    petition = Petition.objects.filter(case__is_published=True).order_by("case__order").first()
    case = Case.objects.published().order_by("order").first()
    with translation.override("fr"):
        sign_path = f"/fr/petitions/{petition.pk}/signer/"
        case_path = case.get_absolute_url()
    supporter = Visitor(application)
    spent = {"GET": 0.0, "POST": 0.0}

    def sign() -> None:
        start = time.process_time()
        status, page = supporter.request("GET", sign_path)
        spent["GET"] += time.process_time() - start
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        data = {
            "csrfmiddlewaretoken": token, "first_name": "Léa", "last_name": "Dupont",
            "email": f"bench-{uuid.uuid4().hex[:10]}@example.be", "postcode": "5000",
            "country": "BE", "consent": "on",
        }  # fmt: skip
        start = time.process_time()
        status, _page = supporter.request("POST", sign_path, urlencode(data).encode())
        spent["POST"] += time.process_time() - start
        assert status.startswith("302"), status

    reader = Visitor(application)

    def case_page() -> None:
        status, _page = reader.request("GET", case_path)
        assert status.startswith("200"), status

    def rounds(run: Callable[[], None], name: str, report: Callable[[float], str]) -> None:
        for _ in range(50):  # templates, connections, what each process keeps
            run()
        for n in range(args.rounds):
            spent.update(GET=0.0, POST=0.0)
            start = time.process_time()
            for _ in range(args.requests):
                run()
            print(f"round {n + 1}: {report(time.process_time() - start)}")
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            profile = cProfile.Profile(time.process_time)
            profile.runcall(lambda: [run() for _ in range(args.requests)])
            profile.dump_stats(args.profile / f"{name}.prof")

    def per_signature(_total: float) -> str:
        get, post = (spent[method] / args.requests * 1000 for method in ("GET", "POST"))
        return f"signature {get + post:5.2f} ms CPU (sign page GET {get:4.2f} + POST {post:4.2f})"

    rounds(sign, "sign", per_signature)
    with override_settings(PAGE_CACHE_SECONDS=0):
        rounds(
            case_page, "case", lambda total: f"case page uncached {total / args.requests * 1000:5.2f} ms CPU"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
