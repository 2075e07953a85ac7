from __future__ import annotations

from django.contrib import admin

from kits.models import PrintableDocument

# --- Printable documents ---------------------------------------------------------------


@admin.register(PrintableDocument)
class PrintableDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are made by the workers; staff look here when one fails."""

    list_display = ["filename", "kind", "status", "size", "rendered_at", "created_at"]
    list_filter = ["status", "kind", "campaign"]
    search_fields = ["filename", "content_hash"]
    list_select_related = ["campaign"]
    readonly_fields = [
        "kind", "campaign", "case", "content_hash", "filename", "file", "size", "status",
        "error", "attempts", "queued_at", "rendered_at", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# --- end of printable documents --------------------------------------------------------
