from __future__ import annotations


class ReadOnlyAdminMixin:
    """For audit trails: staff read them, nobody adds, changes or deletes a row."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
