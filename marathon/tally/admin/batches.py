"""Corrections of what the volunteers counted: letter batches, their audit trail, past results."""

from __future__ import annotations

import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from marathon.accesslog import Action, data_access_record
from marathon.lib.admin import ReadOnlyAdminMixin, TranslatedAdmin
from marathon.lib.spreadsheet import csv_response
from marathon.tally.exports import (
    batches_csv_header,
    batches_csv_rows,
)
from marathon.tally.forms import (
    LetterBatchAdminForm,
    LetterBatchLineAdminForm,
    LetterBatchLineAdminFormSet,
)
from marathon.tally.models import (
    LetterBatch,
    LetterBatchChange,
    LetterBatchLine,
    PastResult,
)
from marathon.tally.services import (
    letter_batch_change_record,
    letter_batch_delete,
)


class LetterBatchLineInline(admin.TabularInline):
    model = LetterBatchLine
    form = LetterBatchLineAdminForm
    formset = LetterBatchLineAdminFormSet
    extra = 0
    min_num = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "case":
            kwargs["queryset"] = db_field.related_model.objects.select_related("campaign").order_by(
                "-campaign__year", "order"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ChangeDiffColumns:
    """A correction's before and after, readable, for the inline and the audit list."""

    @admin.display(description=_("before"))
    def before_pretty(self, obj: LetterBatchChange) -> str:
        return pretty_json(obj.before)

    @admin.display(description=_("after"))
    def after_pretty(self, obj: LetterBatchChange) -> str:
        return pretty_json(obj.after)


class LetterBatchChangeInline(ChangeDiffColumns, ReadOnlyAdminMixin, admin.TabularInline):
    """The batch's audit trail, read-only, under the batch."""

    model = LetterBatchChange
    fields = ["changed_at", "action", "changed_by", "before_pretty", "after_pretty"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("history of corrections")


def pretty_json(value) -> str:
    if value is None:
        return "—"
    return format_html(
        "<pre style='white-space:pre-wrap;margin:0'>{}</pre>", json.dumps(value, indent=1, ensure_ascii=False)
    )


class LateFilter(admin.SimpleListFilter):
    title = _("received late")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.late()
        if self.value() == "no":
            return queryset.on_time()
        return queryset


@admin.register(LetterBatch)
class LetterBatchAdmin(admin.ModelAdmin):
    """Staff corrections; every save and delete goes to the audit trail."""

    form = LetterBatchAdminForm
    inlines = [LetterBatchLineInline, LetterBatchChangeInline]
    list_display = [
        "__str__",
        "received_on",
        "late",
        "total",
        "sender_kind",
        "recorded_by",
        "created_at",
        "campaign",
    ]
    list_filter = ["campaign", LateFilter, "sender_kind", "received_on", "recorded_by"]
    list_select_related = ["campaign", "recorded_by"]
    search_fields = ["=id", "kit_order_reference", "note"]
    date_hierarchy = "received_on"
    readonly_fields = ["recorded_by", "created_at", "updated_at"]
    fields = [
        "campaign",
        "received_on",
        "sender_kind",
        "kit_order_reference",
        "note",
        "recorded_by",
        "created_at",
        "updated_at",
    ]
    actions = ["export_csv"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).with_total()

    @admin.display(description=_("total"), ordering="total")
    def total(self, obj: LetterBatch) -> int:
        return obj.total

    @admin.display(description=_("late"), boolean=True)
    def late(self, obj: LetterBatch) -> bool:
        return obj.is_late

    def save_model(self, request, obj: LetterBatch, form, change: bool) -> None:
        if change:
            # Read (and lock) what the batch was before this correction, lines included:
            # the inline lines are saved later, in save_related.
            stored = LetterBatch.objects.select_for_update(of=("self",)).get(pk=obj.pk)
            obj._audit_before = stored.audit_data()
        else:
            obj.recorded_by = request.user
            obj._audit_before = None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        letter_batch_change_record(batch=form.instance, user=request.user, before=form.instance._audit_before)

    def delete_model(self, request, obj: LetterBatch) -> None:
        letter_batch_delete(batch=obj, user=request.user)

    def delete_queryset(self, request, queryset: QuerySet) -> None:
        for batch in queryset.select_related("campaign", "recorded_by"):
            letter_batch_delete(batch=batch, user=request.user)

    @admin.action(description=_("Export the selected batches (CSV)"), permissions=["view"])
    def export_csv(self, request, queryset: QuerySet):
        filename = f"lots-{timezone.localdate():%Y-%m-%d}.csv"
        data_access_record(
            user=request.user,
            action=Action.CSV_EXPORT,
            what="letter batches",
            rows=queryset.count(),
        )
        return csv_response(filename, batches_csv_header(), batches_csv_rows(queryset))


@admin.register(LetterBatchChange)
class LetterBatchChangeAdmin(ChangeDiffColumns, ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit trail: readable by staff, changed by nobody."""

    list_display = ["changed_at", "batch_number", "action", "changed_by"]
    list_filter = ["action", "changed_at"]
    list_select_related = ["changed_by"]
    search_fields = ["=batch_number"]
    fields = ["changed_at", "batch_number", "batch", "action", "changed_by", "before_pretty", "after_pretty"]
    readonly_fields = fields


@admin.register(PastResult)
class PastResultAdmin(TranslatedAdmin):
    list_display = ["year", "letters", "signatures", "combined", "note"]
    fields = ["year", "letters", "signatures", "combined", "note"]
