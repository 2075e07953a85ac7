from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.models import Campaign
from kits import services
from kits.exports import kit_orders_csv_rows
from kits.forms import BelgianPostcodeField
from kits.models import (
    KitOrder,
    KitOrderStatusChange,
    LabelBatch,
    MarathonReport,
    OrganisedMarathon,
    PrintableDocument,
)
from marathon.accesslog import Action, data_access_record, logged_pdf_download
from marathon.lib.belgium import PROVINCES, province_for_postcode


class HasMarathonFilter(admin.SimpleListFilter):
    title = _("has a marathon")
    parameter_name = "marathon"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(marathon__isnull=False)
        if self.value() == "no":
            return queryset.filter(marathon__isnull=True)
        return queryset


class StatusChangeInline(admin.TabularInline):
    model = KitOrderStatusChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "from_status", "to_status", "changed_by", "note"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class OrganisedMarathonInline(admin.StackedInline):
    model = OrganisedMarathon
    extra = 0
    can_delete = False
    fields = [
        "date",
        "town",
        "province",
        "expected_writers",
        "is_public",
        "report_requested_at",
        "reported_at",
    ]
    readonly_fields = ["report_requested_at", "reported_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Kept in the order's history."),
    )


class KitOrderAdminForm(forms.ModelForm):
    postcode = BelgianPostcodeField(label=_("postcode"))

    class Meta:
        model = KitOrder
        fields = [
            "kind",
            "organisation_name",
            "age_band",
            "writers",
            "contact_name",
            "email",
            "phone",
            "street",
            "box",
            "postcode",
            "city",
            "note",
        ]


@admin.register(KitOrder)
class KitOrderAdmin(admin.ModelAdmin):
    form = KitOrderAdminForm
    list_display = [
        "reference",
        "created_at",
        "kind",
        "who",
        "place",
        "province",
        "writers",
        "marathon_date",
        "language",
        "status",
    ]
    # The language decides which printables go in the box.
    list_filter = ["status", "kind", "language", "province", "created_at", HasMarathonFilter, "campaign"]
    search_fields = ["reference", "contact_name", "organisation_name", "postcode", "email"]
    list_select_related = ["marathon"]
    list_per_page = 100
    actions = ["mark_packed", "mark_shipped", "cancel_orders", "print_labels", "export_csv"]
    inlines = [OrganisedMarathonInline, StatusChangeInline]
    change_list_template = "admin/kits/kitorder/change_list.html"
    readonly_fields = [
        "reference",
        "campaign",
        "status",
        "cancel_reason",
        "province",
        "created_at",
        "consented_at",
        "confirmation_sent_at",
        "shipped_email_sent_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "campaign", "status", "cancel_reason", "created_at"]}),
        (_("Who"), {"fields": ["kind", "organisation_name", "age_band", "writers", "language"]}),
        (_("Contact"), {"fields": ["contact_name", "email", "phone"]}),
        (_("Address"), {"fields": ["street", "box", "postcode", "city", "province"]}),
        (_("Note"), {"fields": ["note"]}),
        (_("Tracking"), {"fields": ["consented_at", "confirmation_sent_at", "shipped_email_sent_at"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Orders come from the public form, which records consent and the form token.
        return False

    def save_model(self, request: HttpRequest, obj: KitOrder, form, change: bool) -> None:
        # A corrected postcode moves the order to its province in the counts.
        obj.province = province_for_postcode(obj.postcode)
        super().save_model(request, obj, form, change)

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        # Cancelling keeps the order and its history; nothing is deleted in bulk.
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("contact name"), ordering="contact_name")
    def who(self, order: KitOrder) -> str:
        if order.organisation_name:
            return format_html("{}<br><small>{}</small>", order.contact_name, order.organisation_name)
        return order.contact_name

    @admin.display(description=_("postcode"), ordering="postcode")
    def place(self, order: KitOrder) -> str:
        return f"{order.postcode} {order.city}"

    @admin.display(description=_("marathon"), ordering="marathon__date")
    def marathon_date(self, order: KitOrder) -> str:
        return order.marathon.date.strftime("%d/%m/%Y") if order.has_marathon else "—"

    def get_urls(self):
        urls = [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.dashboard_view),
                name="kits_kitorder_dashboard",
            ),
        ]
        return urls + super().get_urls()

    # --- status actions -------------------------------------------------------------

    def _move(self, request: HttpRequest, queryset: QuerySet, service, done_message: str, **kwargs) -> None:
        done, refused = 0, []
        for pk, reference in queryset.select_related(None).values_list("pk", "reference"):
            try:
                service(order_id=pk, by=request.user, **kwargs)
                done += 1
            except services.StatusChangeRefused:
                refused.append(reference)
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                _("Left unchanged, their status does not allow it: %(refs)s") % {"refs": ", ".join(refused)},
                messages.WARNING,
            )

    @admin.action(description=_("Mark as packed"), permissions=["change"])
    def mark_packed(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, services.kit_order_pack, _("Orders marked as packed: %(count)s."))

    @admin.action(description=_("Mark as shipped (e-mails the orderer)"), permissions=["change"])
    def mark_shipped(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._move(request, queryset, services.kit_order_ship, _("Orders marked as shipped: %(count)s."))

    @admin.action(description=_("Cancel, with a reason…"), permissions=["change"])
    def cancel_orders(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = CancelForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._move(
                request,
                queryset,
                services.kit_order_cancel,
                _("Orders cancelled: %(count)s."),
                reason=form.cleaned_data["reason"],
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Cancel kit orders"),
            "opts": self.model._meta,
            "objects": queryset,
            "action": "cancel_orders",
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/kits/kitorder/cancel.html", context)

    # --- files ------------------------------------------------------------------------

    @admin.action(description=_("Print address labels and packing slips"), permissions=["view"])
    def print_labels(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        batch = services.label_batch_create(orders=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "Labels for %(count)s order are being made: this page shows the link when they are ready.",
                "Labels for %(count)s orders are being made: this page shows the link when they are ready.",
                batch.orders.count(),
            )
            % {"count": batch.orders.count()},
            messages.INFO,
        )
        return redirect("admin:kits_labelbatch_change", batch.pk)

    @admin.action(description=_("Export to CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> StreamingHttpResponse:
        data_access_record(
            user=request.user,
            action=Action.CSV_EXPORT,
            what="kit orders",
            rows=queryset.count(),
        )
        orders = queryset.select_related("marathon").order_by("created_at").iterator(chunk_size=500)
        response = StreamingHttpResponse(kit_orders_csv_rows(orders), content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="commandes-kits-{stamp}.csv"'
        return response

    # --- dashboard -----------------------------------------------------------------------

    def dashboard_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        campaign = Campaign.objects.current()
        orders = KitOrder.objects.filter(campaign=campaign)
        active = orders.active()
        today = timezone.localdate()
        monday = today - datetime.timedelta(days=today.weekday())
        week_start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
        kinds = dict(KitOrder.Kind.choices)  # one vocabulary with the desk's senders
        statuses = dict(KitOrder.Status.choices)
        totals = active.aggregate(orders=Count("pk"), writers=Sum("writers"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kit orders dashboard"),
            "opts": self.model._meta,
            "campaign": campaign,
            "totals": totals,
            "this_week": active.created_since(week_start).count(),
            "to_ship": orders.to_ship().aggregate(orders=Count("pk"), writers=Sum("writers")),
            "week_start": monday,
            "by_kind": [
                {**row, "label": kinds.get(row["kind"], row["kind"])} for row in active.totals_by("kind")
            ],
            "by_province": [
                {**row, "label": PROVINCES.get(row["province"], row["province"] or "—")}
                for row in active.totals_by("province")
            ],
            "by_status": [
                {**row, "label": statuses.get(row["status"], row["status"])}
                for row in orders.totals_by("status")
            ],
            "marathons": OrganisedMarathon.objects.filter(order__in=active).count(),
            "changelist_url": reverse("admin:kits_kitorder_changelist"),
        }
        return TemplateResponse(request, "admin/kits/kitorder/dashboard.html", context)


@admin.register(LabelBatch)
class LabelBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by", "order_count", "status", "download_link"]
    list_filter = ["status"]
    fields = ["status", "created_by", "created_at", "made_at", "order_count", "download_link", "error"]
    readonly_fields = fields
    change_form_template = "admin/kits/labelbatch/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("created_by").annotate(_orders=Count("orders"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: LabelBatch) -> None:
        # The PDF holds home addresses: it goes with its batch.
        obj.file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for batch in queryset:
            batch.file.delete(save=False)
        super().delete_queryset(request, queryset)

    @admin.display(description=_("orders"))
    def order_count(self, batch: LabelBatch) -> int:
        return batch._orders

    @admin.display(description=_("PDF"))
    def download_link(self, batch: LabelBatch) -> str:
        if batch.status != LabelBatch.Status.READY or not batch.file:
            return "—"
        url = reverse("admin:kits_labelbatch_download", args=[batch.pk])
        return format_html('<a href="{}" download>{}</a>', url, _("Download the labels (PDF)"))

    def get_urls(self):
        urls = [
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="kits_labelbatch_download",
            ),
        ]
        return urls + super().get_urls()

    def download_view(self, request: HttpRequest, pk: int) -> FileResponse:
        batch = get_object_or_404(LabelBatch, pk=pk)
        if not self.has_view_permission(request, batch):
            raise PermissionDenied
        if batch.status != LabelBatch.Status.READY or not batch.file:
            raise Http404("Not ready")
        return logged_pdf_download(
            request,
            batch.file,
            filename=f"etiquettes-{batch.pk}.pdf",
            what=f"shipping labels, batch {batch.pk}",
            rows=batch.orders.count(),
        )


class MarathonReportInline(admin.TabularInline):
    model = MarathonReport
    extra = 0
    fields = ["case", "letters", "cards"]
    readonly_fields = ["case"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(OrganisedMarathon)
class OrganisedMarathonAdmin(admin.ModelAdmin):
    list_display = ["date", "town", "province", "order_link", "expected_writers", "is_public", "reported_at"]
    list_filter = ["is_public", "province", ("reported_at", admin.EmptyFieldListFilter), "date"]
    search_fields = ["town", "order__reference", "order__organisation_name", "order__contact_name"]
    list_select_related = ["order"]
    fields = [
        "order_link",
        "date",
        "town",
        "province",
        "expected_writers",
        "is_public",
        "report_requested_at",
        "reported_at",
        "reported_writers",
    ]
    readonly_fields = ["order_link", "report_requested_at", "reported_at", "reported_writers"]
    inlines = [MarathonReportInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("kit order"), ordering="order__reference")
    def order_link(self, marathon: OrganisedMarathon) -> str:
        url = reverse("admin:kits_kitorder_change", args=[marathon.order_id])
        return format_html('<a href="{}">{}</a>', url, marathon.order.reference)


# --- Printable documents ---------------------------------------------------------------


@admin.register(PrintableDocument)
class PrintableDocumentAdmin(admin.ModelAdmin):
    """Read-only: documents are made by the workers; staff look here when one fails."""

    list_display = ["filename", "kind", "status", "size", "made_at", "created_at"]
    list_filter = ["status", "kind", "campaign"]
    search_fields = ["filename", "content_hash"]
    list_select_related = ["campaign"]
    readonly_fields = [
        "kind", "campaign", "case", "content_hash", "filename", "file", "size", "status",
        "error", "attempts", "queued_at", "made_at", "created_at",
    ]  # fmt: skip

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
