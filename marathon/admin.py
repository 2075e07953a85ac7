from __future__ import annotations

from django.contrib import admin

from marathon.lib.admin import ReadOnlyAdminMixin
from marathon.models import DataAccessLog


@admin.register(DataAccessLog)
class DataAccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: an audit trail nobody edits, not even superusers."""

    list_display = ["at", "username", "action", "what", "rows"]
    list_filter = ["action", "at"]
    search_fields = ["username", "what"]
    date_hierarchy = "at"
