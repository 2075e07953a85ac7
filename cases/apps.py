from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Campaigns and cases")

    def ready(self) -> None:
        from cases.models import Authority, Campaign, Case, CountryName, ImpactFigure, SuccessStory, Theme
        from marathon.lib import pagecache

        # What the public pages show: an edit makes every cached page stale.
        pagecache.clear_on_changes_to(
            Campaign, Theme, Authority, Case, SuccessStory, ImpactFigure, CountryName
        )
