from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KitsConfig(AppConfig):
    name = "kits"
    verbose_name = _("Kits")

    def ready(self) -> None:
        from cases.signals import campaign_content_changed
        from kits import (
            emails,  # noqa: F401 (registers the e-mail kinds)
            printables,
            services,
        )
        from marathon.lib import workerfiles

        campaign_content_changed.connect(
            printables.on_campaign_content_changed, dispatch_uid="kits.printables"
        )
        workerfiles.register(printables.printable_file_kind())
        workerfiles.register(services.label_file_kind())
