"""The handover to the embassies: counts, packs made by a worker, and deliveries."""

from __future__ import annotations

from contextvars import ContextVar

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases.countries import country_name
from cases.models import Campaign
from marathon.accesslog import logged_pdf_download
from marathon.lib.spreadsheet import csv_response
from marathon.tally.exports import (
    handover_counts_csv_header,
    handover_counts_csv_rows,
)
from marathon.tally.forms import (
    HandoverAdminForm,
    HandoverDeliveryForm,
)
from marathon.tally.handover import EmbassyCounts, countries_without_embassy, handover_counts
from marathon.tally.models import (
    Handover,
    LetterKind,
)
from marathon.tally.services import (
    handover_mark_delivered,
    handover_prepare,
)

_page_counts: ContextVar[dict | None] = ContextVar("handover_page_counts", default=None)


@admin.register(Handover)
class HandoverAdmin(admin.ModelAdmin):
    """The handover to the embassies: counts, packs made by a worker, and deliveries."""

    form = HandoverAdminForm
    change_list_template = "admin/tally/handover/change_list.html"
    list_display = [
        "embassy",
        "campaign_year",
        *(f"count_{kind.value}" for kind in LetterKind),
        "online",
        "pack_column",
        "delivery",
    ]
    # No filter sidebar: a campaign has a few embassies, and the columns need the width.
    list_select_related = ["campaign", "embassy", "delivered_recorded_by"]
    search_fields = ["embassy__name", "received_by"]
    ordering = ["-campaign__year", "embassy__name"]
    actions = ["prepare_packs", "mark_delivered", "export_counts_csv"]
    fieldsets = [
        (None, {"fields": ["campaign", "embassy", "counts_table"]}),
        (_("Pack"), {"fields": ["status", "made_at", "download_link", "content_hash", "error"]}),
        (
            _("Delivery"),
            {
                "fields": [
                    "delivered_on",
                    "received_by",
                    "note",
                    "delivered_recorded_by",
                    "delivered_recorded_at",
                ]
            },
        ),
    ]
    readonly_fields = [
        "campaign",
        "embassy",
        "counts_table",
        "status",
        "made_at",
        "download_link",
        "content_hash",
        "error",
        "delivered_recorded_by",
        "delivered_recorded_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Handovers are made by "Prepare the packs", one per embassy with cases.
        return False

    def delete_model(self, request: HttpRequest, obj: Handover) -> None:
        # The pack lists signers' names: it goes with its handover.
        obj.file.delete(save=False)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for handover in queryset:
            handover.file.delete(save=False)
        super().delete_queryset(request, queryset)

    def save_model(self, request: HttpRequest, obj: Handover, form, change: bool) -> None:
        if change and {"delivered_on", "received_by", "note"} & set(form.changed_data):
            handover_mark_delivered(
                handover=obj,
                delivered_on=obj.delivered_on,
                received_by=obj.received_by,
                note=obj.note,
                by=request.user,
            )
        # Nothing else on the form is editable.

    # --- counts: computed once per page, for every embassy of each campaign shown ----------

    # The columns below are called per row while the list renders; the admin is shared by
    # every thread, so the page's counts live in a context variable set by changelist_view.

    def _counts(self, handover: Handover) -> EmbassyCounts | None:
        page = _page_counts.get()
        if page is None:
            page = {}
        if handover.campaign_id not in page:
            page[handover.campaign_id] = handover_counts(campaign=handover.campaign)
        return page[handover.campaign_id].get(handover.embassy_id)

    @admin.display(description=_("year"), ordering="campaign__year")
    def campaign_year(self, handover: Handover) -> int:
        return handover.campaign.year

    # One column per kind of returned item (count_letter, count_card...), set below the class.

    # Short headings: the list has to fit beside the admin's menu and filters.
    @admin.display(description=_("online sign."))
    def online(self, handover: Handover) -> int:
        counts = self._counts(handover)
        return counts.online if counts else 0

    @admin.display(description=_("counts"))
    def counts_table(self, handover: Handover) -> str:
        counts = handover_counts(campaign=handover.campaign).get(handover.embassy_id)
        if not counts or not counts.cases:
            return "—"
        headings = [_("case"), *(kind.short_label for kind in LetterKind), _("online signatures")]
        return format_html(
            "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<th>{}</th>", ((heading,) for heading in headings)),
            format_html_join_rows(counts),
        )

    # Status, time and link in one column, so the list fits beside the admin's menu.
    @admin.display(description=_("pack (PDF)"), ordering="made_at")
    def pack_column(self, handover: Handover) -> str:
        made_at = (
            date_format(timezone.localtime(handover.made_at), "SHORT_DATETIME_FORMAT")
            if handover.made_at
            else ""
        )
        return format_html(
            "{}<br><small>{}</small><br>{}",
            handover.get_status_display(),
            made_at,
            self.download_link(handover),
        )

    @admin.display(description=_("delivered on"), ordering="delivered_on")
    def delivery(self, handover: Handover) -> str:
        if not handover.delivered_on:
            return "—"
        return format_html(
            "{}<br><small>{}</small>",
            date_format(handover.delivered_on, "SHORT_DATE_FORMAT"),
            handover.received_by,
        )

    @admin.display(description=_("pack (PDF)"))
    def download_link(self, handover: Handover) -> str:
        if handover.status != Handover.Status.READY or not handover.file:
            return "—"
        url = reverse("admin:tally_handover_download", args=[handover.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the pack"))

    # --- pages -------------------------------------------------------------------------

    def get_urls(self):
        urls = [
            path("prepare/", self.admin_site.admin_view(self.prepare_view), name="tally_handover_prepare"),
            path(
                "<int:pk>/download/",
                self.admin_site.admin_view(self.download_view),
                name="tally_handover_download",
            ),
        ]
        return urls + super().get_urls()

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        campaign = Campaign.objects.current()
        extra = {
            "current_campaign": campaign,
            "can_prepare": campaign is not None and self.has_change_permission(request),
            "countries_without_embassy": [
                country_name(code)
                for code in (countries_without_embassy(campaign=campaign) if campaign else [])
            ],
        }
        token = _page_counts.set({})
        try:
            response = super().changelist_view(request, {**extra, **(extra_context or {})})
            # Rendered here, while the page's counts are set, rather than on the way out.
            if hasattr(response, "render"):
                response.render()
            return response
        finally:
            _page_counts.reset(token)

    def prepare_view(self, request: HttpRequest) -> HttpResponse:
        """POST only: make the current campaign's handovers and queue their packs."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        return require_POST(self._prepare)(request)

    def _prepare(self, request: HttpRequest) -> HttpResponse:
        campaign = Campaign.objects.current()
        if campaign is None:
            self.message_user(request, _("There is no current campaign."), messages.WARNING)
        elif early := self._confirm_early(request, [campaign], action="", objects=[]):
            return early
        else:
            self._queue(request, handover_prepare(campaign=campaign))
        return redirect("admin:tally_handover_changelist")

    def _confirm_early(
        self, request: HttpRequest, campaigns: list[Campaign], *, action: str, objects: list
    ) -> HttpResponse | None:
        """Before the letters deadline, packs would miss the letters still on their way:
        staff confirm first. None when it is after the deadline or confirmed."""
        early = [campaign for campaign in campaigns if campaign.state.letters_welcome]
        if not early or "apply" in request.POST:
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Prepare the packs before the letters deadline?"),
            "opts": self.model._meta,
            "objects": objects,
            "campaigns": early,
            "action": action,
            "form": None,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tally/handover/prepare_early.html", context)

    def _queue(self, request: HttpRequest, handovers: list[Handover]) -> None:
        if not handovers:
            self.message_user(request, _("No embassy has cases in this campaign."), messages.WARNING)
            return
        self.message_user(
            request,
            ngettext(
                "The pack for %(count)s embassy is being made: reload this page to see when it is ready.",
                "The packs for %(count)s embassies are being made: reload this page to see when they are ready.",
                len(handovers),
            )
            % {"count": len(handovers)},
            messages.INFO,
        )

    def download_view(self, request: HttpRequest, pk: int) -> FileResponse:
        handover = get_object_or_404(Handover.objects.select_related("campaign", "embassy"), pk=pk)
        if not self.has_view_permission(request, handover):
            raise PermissionDenied
        if (
            handover.status != Handover.Status.READY
            or not handover.file
            or not handover.file.storage.exists(handover.file.name)
        ):
            raise Http404("The pack is not ready")
        return logged_pdf_download(
            request,
            handover.file,
            filename=handover.pack_filename,
            what=f"embassy handover pack, {handover.embassy.name} {handover.campaign.year}",
            rows=handover.pack_signatures,
        )

    # --- actions -----------------------------------------------------------------------

    @admin.action(description=_("Prepare the packs"), permissions=["change"])
    def prepare_packs(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        """Every embassy of the selected handovers' campaigns: missing ones made, packs queued."""
        campaigns = list(Campaign.objects.filter(pk__in=queryset.values("campaign_id")))
        if early := self._confirm_early(request, campaigns, action="prepare_packs", objects=list(queryset)):
            return early
        prepared: list[Handover] = []
        for campaign in campaigns:
            prepared += handover_prepare(campaign=campaign)
        self._queue(request, prepared)
        return None

    @admin.action(description=_("Mark as delivered…"), permissions=["change"])
    def mark_delivered(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = HandoverDeliveryForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            for handover in queryset:
                handover_mark_delivered(handover=handover, by=request.user, **form.cleaned_data)
            self.message_user(
                request,
                ngettext(
                    "%(count)s handover marked as delivered.",
                    "%(count)s handovers marked as delivered.",
                    queryset.count(),
                )
                % {"count": queryset.count()},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Mark the packs as delivered"),
            "opts": self.model._meta,
            "objects": queryset.select_related("embassy", "campaign"),
            "action": "mark_delivered",
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, "admin/tally/handover/mark_delivered.html", context, status=status)

    @admin.action(description=_("Export the counts (CSV)"), permissions=["view"])
    def export_counts_csv(self, request: HttpRequest, queryset: QuerySet):
        handovers = list(
            queryset.select_related("campaign", "embassy").order_by("-campaign__year", "embassy__name")
        )
        counts = {
            campaign.pk: handover_counts(campaign=campaign)
            for campaign in {handover.campaign for handover in handovers}
        }
        filename = f"remises-ambassades-{timezone.localdate():%Y-%m-%d}.csv"
        return csv_response(
            filename, handover_counts_csv_header(), handover_counts_csv_rows(handovers, counts)
        )


def format_html_join_rows(counts: EmbassyCounts) -> str:
    return format_html_join(
        "",
        "<tr>{}</tr>",
        (
            (
                format_html_join(
                    "",
                    "<td>{}</td>",
                    ((cell,) for cell in [c.person_name, *(n for _k, n in c.kinds), c.online]),
                ),
            )
            for c in counts.cases
        ),
    )


def _kind_column(kind: LetterKind):
    @admin.display(description=kind.short_label)
    def column(self: HandoverAdmin, handover: Handover) -> int:
        counts = self._counts(handover)
        return counts.by_kind[kind.value] if counts else 0

    column.__name__ = f"count_{kind.value}"
    return column


for _kind in LetterKind:
    setattr(HandoverAdmin, f"count_{_kind.value}", _kind_column(_kind))
