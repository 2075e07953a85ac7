from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import NotRegistered, translator

from marathon.lib.languages import CODES, DEFAULT


class ReadOnlyAdminMixin:
    """For audit trails: staff read them, nobody adds, changes or deletes a row."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# --- Texts in three languages ---------------------------------------------------------------


def _translated_fields(model: type[Model]) -> list[str]:
    try:
        return sorted(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def missing_translations(obj: Model) -> dict[str, list[str]]:
    """{language: [labels of the fields written in French and not in it]}."""
    missing: dict[str, list[str]] = {}
    for name in _translated_fields(type(obj)):
        if not getattr(obj, f"{name}_{DEFAULT}", None):
            continue
        for code in CODES:
            if code != DEFAULT and not getattr(obj, f"{name}_{code}", None):
                field: Any = obj._meta.get_field(name)
                missing.setdefault(code, []).append(str(field.verbose_name))
    return missing


def missing_in(model: type[Model], language: str) -> Q:
    """The rows with a text written in French and not in `language`."""
    query = Q(pk__in=[])
    for name in _translated_fields(model):
        written = ~Q(**{f"{name}_{DEFAULT}": ""}) & Q(**{f"{name}_{DEFAULT}__isnull": False})
        absent = Q(**{f"{name}_{language}": ""}) | Q(**{f"{name}_{language}__isnull": True})
        query |= written & absent
    return query


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation missing")
    parameter_name = "missing"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(code, str(name)) for code, name in settings.LANGUAGES if code != DEFAULT]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        language = self.value()
        if language in CODES:
            return queryset.filter(missing_in(queryset.model, language))
        return queryset


class TranslatedAdmin(TranslationAdmin):
    """Each text staff write, in French, Dutch and English one under the other; French is
    required, and what is missing in another language is listed (the list's column and
    filter, the form's first line). A missing version shows the French on public pages.

    django-modeltranslation's tabbed admin loads jQuery UI from a CDN: not this one.
    """

    def get_list_display(self, request: HttpRequest) -> list:
        return [*super().get_list_display(request), "translations_missing"]

    def get_list_filter(self, request: HttpRequest) -> list:
        return [*super().get_list_filter(request), MissingTranslationFilter]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list:
        return [*super().get_readonly_fields(request, obj), "translations_missing"]

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> list:
        fieldsets = super().get_fieldsets(request, obj)
        # Without declared fieldsets, Django's own already ends with the read-only fields.
        if obj is None or not self.fieldsets:
            return list(fieldsets)
        return [(None, {"fields": ["translations_missing"]}), *fieldsets]

    @admin.display(description=_("translation missing"))
    def translations_missing(self, obj: Model) -> str:
        missing = missing_translations(obj)
        if not missing:
            return "—"
        return " · ".join(f"{code.upper()}: {', '.join(labels)}" for code, labels in missing.items())
