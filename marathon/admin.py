from __future__ import annotations

from django.contrib import admin

from marathon.models import DataAccessLog


@admin.register(DataAccessLog)
class DataAccessLogAdmin(admin.ModelAdmin):
    """Read-only: an audit trail nobody edits, not even superusers."""

    list_display = ["at", "username", "action", "what", "rows"]
    list_filter = ["action", "at"]
    search_fields = ["username", "what"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
