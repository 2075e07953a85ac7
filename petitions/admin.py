from __future__ import annotations

import csv
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marathon.accesslog import Action, data_access_record
from marathon.lib.addresses import canonical_email
from marathon.lib.admin import TranslatedAdmin
from marathon.lib.belgium import PROVINCES
from marathon.lib.mail import absolute_url
from marathon.lib.spreadsheet import csv_response
from petitions import services
from petitions.models import NewsSubscriber, Petition, Signature, Signer
from petitions.tokens import news_unsubscribe_token

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a leading ' stops =, +, - and @ from running."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


class _Echo:
    def write(self, value: str) -> str:
        return value


def signatures_csv_rows(petition: Petition):
    """The list printed for the embassy: confirmed, counted signatures with a name."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # so spreadsheets open it as UTF-8
    with translation.override("fr"):
        yield writer.writerow([_("First name"), _("Last name"), _("Postcode"), _("Country"), _("Date")])
        signatures = (
            Signature.objects.counted()
            .filter(petition=petition, signer__erased_at__isnull=True)
            .select_related("signer")
            .order_by("confirmed_at", "pk")
            .iterator(chunk_size=2000)
        )
        for signature in signatures:
            signer = signature.signer
            yield writer.writerow(
                [
                    spreadsheet_safe(signer.first_name),
                    spreadsheet_safe(signer.last_name),
                    spreadsheet_safe(signer.postcode),
                    signer.country.name,
                    timezone.localtime(signature.confirmed_at).strftime("%d/%m/%Y"),
                ]
            )


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


class InvalidatedFilter(admin.SimpleListFilter):
    title = _("invalidated")
    parameter_name = "invalidated"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(invalidated_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(invalidated_at__isnull=True)
        return queryset


class InvalidateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


@admin.register(Petition)
class PetitionAdmin(TranslatedAdmin):
    list_display = ["__str__", "campaign", "is_open", "online_count", "export_link"]
    list_filter = ["case__campaign", "is_open"]
    list_select_related = ["case__campaign", "tally"]
    search_fields = ["case__person_name", "text"]
    readonly_fields = ["case", "online_count", "provinces", "export_link"]
    fields = ["case", "text", "is_open", "online_count", "export_link", "provinces"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Petitions are made with their case (petitions.services.petition_ensure).
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("campaign"), ordering="case__campaign__year")
    def campaign(self, obj: Petition):
        return obj.case.campaign

    @admin.display(description=_("confirmed online signatures"))
    def online_count(self, obj: Petition) -> int:
        tally = getattr(obj, "tally", None)
        return tally.confirmed if tally else 0

    @admin.display(description=_("list for the embassy"))
    def export_link(self, obj: Petition) -> str:
        url = reverse("admin:petitions_petition_export", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("CSV of confirmed signatures"))

    @admin.display(description=_("confirmed signatures by province"))
    def provinces(self, obj: Petition) -> str:
        rows = (
            Signature.objects.counted()
            .filter(petition=obj)
            .values("signer__country", "signer__province")
            .annotate(n=Count("id"))
        )
        by_place: dict[str, int] = {}
        for row in rows:
            if row["signer__province"]:
                label = str(PROVINCES[row["signer__province"]])
            elif row["signer__country"] == "BE":
                label = str(_("Belgium, province unknown"))
            else:
                label = str(_("Outside Belgium"))
            by_place[label] = by_place.get(label, 0) + row["n"]
        if not by_place:
            return "—"
        body = format_html_join(
            "", "<tr><td>{}</td><td>{}</td></tr>", sorted(by_place.items(), key=lambda item: -item[1])
        )
        return format_html('<table class="provinces"><tbody>{}</tbody></table>', body)

    def get_urls(self):
        return [
            path(
                "<int:pk>/export.csv",
                self.admin_site.admin_view(self.export_view),
                name="petitions_petition_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request: HttpRequest, pk: int) -> StreamingHttpResponse:
        if not request.user.has_perm("petitions.view_signature"):
            raise PermissionDenied
        petition = get_object_or_404(Petition.objects.select_related("case__campaign"), pk=pk)
        filename = f"signatures-{petition.case.campaign.year}-{slugify(petition.case.person_name)}.csv"
        data_access_record(
            user=request.user,
            action=Action.CSV_EXPORT,
            what=f"confirmed signatures of the petition for {petition.case.person_name} ({petition.case.campaign.year})",
        )
        response = StreamingHttpResponse(
            signatures_csv_rows(petition), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SignatureInline(admin.TabularInline):
    model = Signature
    fields = ["petition", "created_at", "confirmed_at", "invalidated_at", "invalidation_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Signer)
class SignerAdmin(admin.ModelAdmin):
    list_display = ["__str__", "first_name", "last_name", "postcode", "country", "confirmed_at", "created_at"]
    list_filter = [ConfirmedFilter, ("created_at", admin.DateFieldListFilter), "news_opt_in", "country"]
    search_fields = ["email", "email_canonical"]
    show_full_result_count = False
    readonly_fields = [
        "email_canonical",
        "email_domain",
        "province",
        "news_opt_in_at",
        "confirmed_at",
        "confirmation_emails",
        "erased_at",
        "created_at",
    ]
    fields = [
        "email",
        "email_canonical",
        "first_name",
        "last_name",
        "postcode",
        "country",
        "province",
        "news_opt_in",
        "news_opt_in_at",
        "confirmed_at",
        "confirmation_emails",
        "created_at",
        "erased_at",
    ]
    inlines = [SignatureInline]
    actions = ["erase"]

    def get_search_results(self, request, queryset, search_term):
        # A search by address finds the signer whatever the case or +tag typed.
        if "@" in search_term:
            try:
                canonical = canonical_email(search_term)
            except Exception:  # not an address after all: search as typed
                canonical = search_term
            return queryset.filter(Q(email_canonical=canonical) | Q(email__iexact=search_term.strip())), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Deleting would drop confirmed signatures from the counts: erase instead.
        return False

    @admin.action(description=_("Erase the personal data of the selected signers"), permissions=["change"])
    def erase(self, request: HttpRequest, queryset: QuerySet[Signer]) -> None:
        erased = 0
        for signer in queryset.filter(erased_at__isnull=True):
            services.signer_erase(signer=signer)
            erased += 1
        self.message_user(request, _("%(n)d signers erased.") % {"n": erased}, messages.SUCCESS)


@admin.register(Signature)
class SignatureAdmin(admin.ModelAdmin):
    list_display = [
        "signer",
        "petition",
        "created_at",
        "confirmed_at",
        "ip_range",
        "invalidated_at",
        "invalidation_reason",
    ]
    list_filter = [
        "petition",
        ConfirmedFilter,
        ("created_at", admin.DateFieldListFilter),
        InvalidatedFilter,
    ]
    list_select_related = ["signer", "petition__case"]
    search_fields = ["signer__email", "signer__email_canonical"]
    show_full_result_count = False
    date_hierarchy = None
    actions = ["invalidate"]
    readonly_fields = [
        "signer",
        "petition",
        "created_at",
        "requested_at",
        "confirmed_at",
        "ip_range",
        "consent_version",
        "consent_text",
        "invalidated_at",
        "invalidation_reason",
    ]

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # Links from the activity page filter by network and by e-mail domain.
        if lookup in {"ip_range", "signer__email_domain", "created_at__gte"}:
            return True
        return super().lookup_allowed(lookup, value, request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # Invalidate instead: it keeps the trace and the counts stay right.
        return False

    @admin.action(description=_("Invalidate the selected signatures…"), permissions=["change"])
    def invalidate(self, request: HttpRequest, queryset: QuerySet[Signature]):
        form = InvalidateForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            done = services.signatures_invalidate(signatures=queryset, reason=form.cleaned_data["reason"])
            self.message_user(request, _("%(n)d signatures invalidated.") % {"n": done}, messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Invalidate signatures"),
            "opts": self.model._meta,
            "form": form,
            "queryset_count": queryset.count(),
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/petitions/signature/invalidate.html", context)

    def get_urls(self):
        return [
            path(
                "activite/",
                self.admin_site.admin_view(self.activity_view),
                name="petitions_signature_activity",
            ),
            *super().get_urls(),
        ]

    def activity_view(self, request: HttpRequest) -> HttpResponse:
        """The busiest networks and e-mail domains of the last hours, to spot a flood."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            hours = max(1, min(24 * 31, int(request.GET.get("hours", request.POST.get("hours", 24)))))
        except ValueError:
            hours = 24
        since = timezone.now() - datetime.timedelta(hours=hours)
        recent = Signature.objects.filter(created_at__gte=since)
        if request.method == "POST":
            return self._invalidate_group(request, recent, hours)
        changelist = reverse("admin:petitions_signature_changelist")
        since_param = timezone.localtime(since).isoformat(timespec="seconds")

        def rows(field: str, param: str):
            grouped = (
                recent.exclude(**{field: ""})
                .values(field)
                .annotate(total=Count("id"), confirmed=Count("id", filter=Q(confirmed_at__isnull=False)))
                .order_by("-total")[:20]
            )
            for row in grouped:
                query = urlencode({param: row[field], "created_at__gte": since_param})
                yield {**row, "value": row[field], "url": f"{changelist}?{query}"}

        context = {
            **self.admin_site.each_context(request),
            "title": _("Busiest networks and e-mail domains"),
            "opts": self.model._meta,
            "hours": hours,
            "groups": [
                (_("Networks"), "ip_range", list(rows("ip_range", "ip_range"))),
                (_("E-mail domains"), "domain", list(rows("signer__email_domain", "signer__email_domain"))),
            ],
            "form": InvalidateForm(),
        }
        return TemplateResponse(request, "admin/petitions/signature/activity.html", context)

    def _invalidate_group(self, request: HttpRequest, recent: QuerySet[Signature], hours: int):
        form = InvalidateForm(request.POST)
        kind, value = request.POST.get("kind"), request.POST.get("value", "")
        field = {"ip_range": "ip_range", "domain": "signer__email_domain"}.get(kind or "")
        if field and value and form.is_valid():
            done = services.signatures_invalidate(
                signatures=recent.filter(**{field: value}), reason=form.cleaned_data["reason"]
            )
            self.message_user(
                request,
                _("%(n)d signatures from %(value)s invalidated.") % {"n": done, "value": value},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("Give a reason to invalidate signatures."), messages.ERROR)
        return HttpResponseRedirect(f"{reverse('admin:petitions_signature_activity')}?hours={hours}")


@admin.register(NewsSubscriber)
class NewsSubscriberAdmin(admin.ModelAdmin):
    """Who asked for news, with the consent they gave; exported with each one's own
    unsubscribe link, to put in every news e-mail."""

    list_display = ["email", "first_name", "last_name", "consented_at"]
    search_fields = ["email_canonical", "last_name"]
    readonly_fields = ["email", "email_canonical", "first_name", "last_name", "consented_at", "consent_text"]
    actions = ["export_csv"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Export the selected subscribers (CSV, with unsubscribe links)"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        subscribers = list(queryset.order_by("consented_at"))
        data_access_record(
            user=request.user, action=Action.CSV_EXPORT, what="news subscribers", rows=len(subscribers)
        )
        header = [_("e-mail"), _("first name"), _("last name"), _("consent given at"), _("unsubscribe link")]
        rows = (
            [
                subscriber.email,
                subscriber.first_name,
                subscriber.last_name,
                subscriber.consented_at.isoformat(),
                absolute_url(
                    reverse("petitions:news-unsubscribe", args=[news_unsubscribe_token(subscriber)])
                ),
            ]
            for subscriber in subscribers
        )
        return csv_response(f"nouvelles-{timezone.localdate():%Y-%m-%d}.csv", header, rows)
