from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cases.models import Case


class CaseSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Case.objects.published().of_current_campaign().order_by("order")

    def lastmod(self, case: Case):
        return case.updated_at


class PageSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["home", "cases:index", "cases:success-stories", "how-it-works", "privacy"]

    def location(self, name: str) -> str:
        return reverse(name)
