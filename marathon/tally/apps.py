from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TallyConfig(AppConfig):
    name = "marathon.tally"
    label = "tally"
    verbose_name = _("Letter tally")

    def ready(self) -> None:
        from marathon.lib import pagecache, workerfiles
        from marathon.tally import services
        from marathon.tally.models import PastResult
        from petitions import counts
        from petitions.signals import signer_erased

        signer_erased.connect(services.on_signer_erased, dispatch_uid="tally.handover-packs")
        counts.paper_source_register(services.paper_signatures_by_petition)
        pagecache.clear_on_changes_to(PastResult)
        workerfiles.register(services.pack_file_kind())
