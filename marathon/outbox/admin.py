from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from marathon.outbox.models import Email


@admin.register(Email)
class EmailAdmin(admin.ModelAdmin):
    """What is waiting, what left, what failed: staff look here when someone says
    "I never got the e-mail". The rows name what they are about, never an address."""

    list_display = [
        "__str__",
        "kind",
        "object_id",
        "language",
        "created_at",
        "due_at",
        "sent_at",
        "attempts",
        "last_error",
    ]
    list_filter = ["kind", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["=object_id"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Email | None = None) -> bool:
        return False
