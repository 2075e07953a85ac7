from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model


def scrub_admin_history(model: type[Model], object_ids: Iterable[int]) -> None:
    """Forget the names the admin's history kept for these objects (it stores each str())."""
    content_type = ContentType.objects.get_for_model(model)
    LogEntry.objects.filter(content_type=content_type, object_id__in=[str(pk) for pk in object_ids]).update(
        object_repr="—", change_message=""
    )
