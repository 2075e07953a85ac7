"""What choosing the language costs a request: the site's middleware against Django's.

    python -m bench.languages [--requests 20000] [--rounds 3]

In process, no server: each request goes through the site's whole middleware stack to a
view that answers "ok" under /fr/ (i18n_patterns, as every public page), with

- `site`: marathon.middleware.LanguageMiddleware (the language from the path's prefix);
- `django`: Django's LocaleMiddleware in its place (what issue 20's first measure, 4 % of a
  signature's web CPU, was about);
- `none`: no language middleware at all (every request French), the floor.

Rounds alternate the three, and the CPU time of the process is read around each batch.
Printed: microseconds per request, and the difference to `none` as a share of a
signature's web CPU (2.7 ms for its GET and POST, bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import time

SIGNATURE_WEB_CPU_MS = 2.7  # bench/README.md, 2026-12-05: web CPU for a signature's GET + POST
REQUESTS_PER_SIGNATURE = 2


def ok(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def urlpatterns_for_bench():
    from django.conf.urls.i18n import i18n_patterns
    from django.urls import path

    return i18n_patterns(path("floor/", ok), prefix_default_language=True)


urlpatterns: list = []


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marathon.settings")
    os.environ.setdefault("SECRET_KEY", "not-a-secret-key-for-make-test-and-make-bench-only")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client, override_settings

    urlpatterns.extend(urlpatterns_for_bench())
    site = list(settings.MIDDLEWARE)
    ours = "marathon.middleware.LanguageMiddleware"
    variants = {
        "site": site,
        "django": [("django.middleware.locale.LocaleMiddleware" if m == ours else m) for m in site],
        "none": [m for m in site if m != ours],
    }
    results: dict[str, list[float]] = {name: [] for name in variants}
    for _round in range(args.rounds):
        for name, middleware in variants.items():
            with override_settings(MIDDLEWARE=middleware, ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"]):
                client = Client()
                # The language a returning visitor carries: the site then sets no cookie.
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
                assert client.get("/fr/floor/").content == b"ok"
                start = time.process_time()
                for _ in range(args.requests):
                    client.get("/fr/floor/")
                results[name].append((time.process_time() - start) / args.requests * 1e6)

    floor = min(results["none"])
    print(f"{'middleware':<8} {'µs/request (each round)':<32} {'vs none':>8} {'of a signature':>15}")
    for name, runs in results.items():
        best = min(runs)
        delta = best - floor
        share = delta * REQUESTS_PER_SIGNATURE / (SIGNATURE_WEB_CPU_MS * 1000) * 100
        rounds = " ".join(f"{run:6.1f}" for run in runs)
        print(f"{name:<8} {rounds:<32} {delta:+7.1f} {share:+14.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
