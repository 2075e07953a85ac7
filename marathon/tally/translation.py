"""An earlier year's note on the results page, in three languages (see cases/translation.py)."""

from modeltranslation.translator import TranslationOptions, register

from marathon.tally.models import PastResult


@register(PastResult)
class PastResultTranslation(TranslationOptions):
    fields = ("note",)
