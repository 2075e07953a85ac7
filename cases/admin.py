from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline
from sorl.thumbnail import get_thumbnail

from cases.calendar import Stage
from cases.models import Authority, Campaign, Case, CountryName, Embassy, ImpactFigure, SuccessStory, Theme
from cases.services import (
    NextYearExists,
    campaign_content_changed,
    campaign_make_current,
    campaign_prepare_next,
    case_illustration_ensure,
    case_saved,
)
from marathon.lib.admin import TranslatedAdmin


def photo_preview(obj, size: str = "240") -> str:
    # An upload the form refused is not a stored file yet: nothing to preview.
    if not obj.photo or not obj.photo._committed:
        return "—"
    try:
        thumb = get_thumbnail(obj.photo, size, quality=80)
    except OSError:
        # A missing or unreadable file must not break the admin page.
        return _("(file not found)")
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="">',
        thumb.url,
        thumb.width,
        thumb.height,
    )


STAGE_LABELS = {
    Stage.COMING: _("kit ordering not open yet"),
    Stage.OPEN: _("kit ordering open"),
    Stage.WRITING: _("kit ordering closed, letters welcome"),
    Stage.COUNTING: _("deadline passed, handover ahead"),
    Stage.HANDED_OVER: _("handed over"),
}


class ImpactFigureInline(TranslationTabularInline):
    model = ImpactFigure
    extra = 0


@admin.register(Campaign)
class CampaignAdmin(TranslatedAdmin):
    list_display = ["year", "title", "stage", "letters_deadline", "is_current", "case_count"]
    list_filter = ["is_current"]
    search_fields = ["title", "year"]
    inlines = [ImpactFigureInline]
    actions = ["prepare_next_year", "make_current"]
    # "www.amnesty.be/don" typed without its scheme is an https address.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["year", "title", "intro", "is_current"]}),
        (
            _("Calendar"),
            {
                "fields": [
                    ("kit_ordering_opens_on", "kit_ordering_closes_on"),
                    "petitions_close_on",
                    "letters_deadline",
                    "handover_on",
                ],
                "description": _(
                    "The site follows these dates by itself: forms open and close, the home page "
                    "says what one can still do."
                ),
            },
        ),
        (None, {"fields": ["return_address", "teacher_guide"]}),
        (
            _("After acting"),
            {
                "fields": [("donation_url", "membership_url"), ("signatures_goal", "letters_goal")],
                "description": _(
                    "Thanks pages and the footer offer the donation and membership pages; "
                    "the home page shows progress toward the goals."
                ),
            },
        ),
    ]

    @admin.display(description=_("today"))
    def stage(self, obj: Campaign) -> str:
        return STAGE_LABELS[obj.state.stage]

    @admin.action(description=_("Prepare next year's campaign from this one"), permissions=["add"])
    def prepare_next_year(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one campaign to start from."), messages.WARNING)
            return None
        campaign = queryset.get()
        try:
            following = campaign_prepare_next(campaign=campaign)
        except NextYearExists:
            self.message_user(
                request,
                _("The campaign of %(year)s already exists.") % {"year": campaign.year + 1},
                messages.ERROR,
            )
            return None
        self.message_user(
            request,
            _(
                "The %(year)s campaign is prepared: its calendar a year on, its texts and cases copied as "
                "unpublished drafts. Rework them, publish the cases, then make it the current campaign."
            )
            % {"year": following.year},
            messages.SUCCESS,
        )
        return redirect("admin:cases_campaign_change", following.pk)

    @admin.action(description=_("Make it the campaign the site shows"), permissions=["change"])
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select one campaign."), messages.WARNING)
            return
        campaign = queryset.get()
        campaign_make_current(campaign=campaign)
        self.message_user(
            request,
            _("The site now shows the %(year)s campaign.") % {"year": campaign.year},
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_case_count=Count("cases"))

    @admin.display(description=_("cases"), ordering="_case_count")
    def case_count(self, obj: Campaign) -> int:
        return obj._case_count

    def save_model(self, request, obj: Campaign, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # The deadline and return address are printed in every kit document.
        campaign_content_changed(campaign_ids=[obj.pk])


@admin.register(CountryName)
class CountryNameAdmin(TranslatedAdmin):
    list_display = ["country", "name", "name_after_de"]
    search_fields = ["name"]

    def save_model(self, request, obj: CountryName, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Fact sheets and embassy packs print the name.
        campaign_content_changed(
            campaign_ids=Case.objects.filter(
                Q(country=obj.country) | Q(authority__country=obj.country)
            ).values_list("campaign_id", flat=True)
        )


@admin.register(Theme)
class ThemeAdmin(TranslatedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Embassy)
class EmbassyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "email", "phone"]
    search_fields = ["name", "address", "email"]


@admin.register(Authority)
class AuthorityAdmin(TranslatedAdmin):
    list_display = ["name", "title", "country"]
    list_filter = ["country"]
    search_fields = ["name", "title", "postal_address"]

    def save_model(self, request, obj: Authority, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        campaign_content_changed(campaign_ids=obj.cases.values_list("campaign_id", flat=True))


@admin.register(Case)
class CaseAdmin(TranslatedAdmin):
    list_display = [
        "thumbnail",
        "person_name",
        "order",
        "country",
        "campaign",
        "headline",
        "is_published",
    ]
    list_display_links = ["thumbnail", "person_name"]
    list_editable = ["order", "is_published"]
    list_filter = ["campaign", "is_published", "themes", "country"]
    list_select_related = ["campaign"]
    search_fields = ["person_name", "headline", "summary", "slug"]
    prepopulated_fields = {"slug": ["person_name"]}
    autocomplete_fields = ["authority"]
    filter_horizontal = ["themes"]
    readonly_fields = ["photo_preview", "created_at", "updated_at"]
    ordering = ["-campaign__year", "order"]
    fieldsets = [
        (None, {"fields": ["campaign", "order", "person_name", "slug", "is_published"]}),
        (_("Where"), {"fields": ["country", "country_label"]}),
        (_("Story"), {"fields": ["headline", "summary", "young_summary", "story", "ask", "themes"]}),
        (_("Photo"), {"fields": ["photo", "photo_preview", "photo_alt", "photo_credit", "drawn_hair"]}),
        (
            _("Letters and cards"),
            {"fields": ["authority", "model_letter", "postcard_message", "postcard_address", "cards_route"]},
        ),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def save_model(self, request, obj: Case, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        previous_campaign = form.initial.get("campaign") if form is not None else None
        case_saved(case=obj, previous_campaign_id=previous_campaign)

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The themes are saved now: a drawn portrait follows them.
        case_illustration_ensure(case=form.instance)

    def delete_model(self, request, obj: Case) -> None:
        campaign_id = obj.campaign_id
        super().delete_model(request, obj)
        campaign_content_changed(campaign_ids=[campaign_id])

    def delete_queryset(self, request, queryset) -> None:
        campaign_ids = set(queryset.values_list("campaign_id", flat=True))
        super().delete_queryset(request, queryset)
        campaign_content_changed(campaign_ids=campaign_ids)

    @admin.display(description=_("photo"))
    def thumbnail(self, obj: Case) -> str:
        return photo_preview(obj, "60x60")

    @admin.display(description=_("preview"))
    def photo_preview(self, obj: Case) -> str:
        return photo_preview(obj)


@admin.register(SuccessStory)
class SuccessStoryAdmin(TranslatedAdmin):
    list_display = ["title", "person_name", "country", "campaign", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["campaign", "is_published", "country"]
    search_fields = ["title", "person_name", "body"]
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("preview"))
    def photo_preview(self, obj: SuccessStory) -> str:
        return photo_preview(obj)
