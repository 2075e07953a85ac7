from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from cases.signals import case_saved
        from marathon.lib import pagecache
        from petitions import (
            emails,  # noqa: F401 (registers the e-mail kinds)
            services,
        )
        from petitions.models import Petition

        pagecache.clear_on_changes_to(Petition)
        case_saved.connect(services.on_case_saved, dispatch_uid="petitions.petition-for-every-case")
