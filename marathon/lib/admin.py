from __future__ import annotations

from django.http import FileResponse


class ReadOnlyAdminMixin:
    """For audit trails: staff read them, nobody adds, changes or deletes a row."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def logged_pdf_download(request, file, *, filename: str, what: str, rows: int | None) -> FileResponse:
    """A stored PDF holding personal data, sent to staff as a private attachment and logged."""
    from marathon.models import DataAccessLog
    from marathon.services import data_access_record

    data_access_record(user=request.user, action=DataAccessLog.Action.PDF_DOWNLOAD, what=what, rows=rows)
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
    # Names and addresses: never kept by a browser or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response
