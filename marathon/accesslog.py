"""Who took personal data out of the site: the one log, for every app to write to.

Any part of the site that exports or hands out personal data records it here; the
module depends on nothing but its model, so any app may import it.
"""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest

from marathon.models import DataAccessLog

Action = DataAccessLog.Action

logger = logging.getLogger("marathon.data_access")


def data_access_record(
    *, user: AbstractBaseUser | AnonymousUser | None, action: str, what: str, rows: int | None = None
) -> DataAccessLog:
    """Log an export or download of personal data, in the database and the logs."""
    username = user.get_username() if user is not None and user.is_authenticated else ""
    entry = DataAccessLog.objects.create(
        user=user if isinstance(user, User) else None,
        username=username or "—",
        action=action,
        what=what,
        rows=rows,
    )
    logger.info("personal data access: %s %s %s (%s rows)", username or "—", action, what, rows)
    return entry


def logged_pdf_download(
    request: HttpRequest, file: FieldFile, *, filename: str, what: str, rows: int | None
) -> FileResponse:
    """A stored PDF holding personal data, sent to staff as a private attachment and logged."""
    data_access_record(user=request.user, action=Action.PDF_DOWNLOAD, what=what, rows=rows)
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    # Names and addresses: never kept by a browser or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response
