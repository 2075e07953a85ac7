"""The petition's demand in three languages (see cases/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from petitions.models import Petition


@register(Petition)
class PetitionTranslation(TranslationOptions):
    fields = ("text",)
