"""What staff write in three languages (django-modeltranslation, see the README).

Each field named here gets a column per language (headline_fr, headline_nl, headline_en)
in the same row, so a page in any language costs the queries it cost in one. Reading
`case.headline` gives the request's language, or French where that version is empty.
"""

from modeltranslation.translator import TranslationOptions, register

from cases.models import Authority, Campaign, Case, CountryName, ImpactFigure, SuccessStory, Theme


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("title", "intro", "teacher_guide")


@register(CountryName)
class CountryNameTranslation(TranslationOptions):
    # name_after_de ("du Guatemala") is a form of French grammar only.
    fields = ("name",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Authority)
class AuthorityTranslation(TranslationOptions):
    fields = ("name", "title", "salutation")


@register(Case)
class CaseTranslation(TranslationOptions):
    fields = (
        "country_label",
        "headline",
        "summary",
        "young_summary",
        "story",
        "ask",
        "photo_alt",
        "model_letter",
        "postcard_message",
    )


@register(SuccessStory)
class SuccessStoryTranslation(TranslationOptions):
    fields = ("title", "body", "photo_alt")


@register(ImpactFigure)
class ImpactFigureTranslation(TranslationOptions):
    fields = ("value", "label")
