from __future__ import annotations

import os

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from cases import demo_data
from cases.calendar import next_deadline, season_dates
from cases.demo_data_translations import TRANSLATIONS
from cases.models import Authority, Campaign, Case, CountryName, Embassy, ImpactFigure, SuccessStory, Theme
from cases.services import case_saved, placeholder_portrait
from marathon.tally.models import PastResult
from petitions.models import Petition

# The success stories' portraits are drawn by the site (cases/illustrations.py), like the
# cases' when they have no photo.
PORTRAIT_ALT = {
    "fr": "Portrait dessiné de %(name)s : une illustration, pas une photo",
    "nl": "Getekend portret van %(name)s: een illustratie, geen foto",
    "en": "Drawn portrait of %(name)s: an illustration, not a photograph",
}
# The drawings' hair, as the people are (cases/illustrations.py would otherwise choose).
DRAWN_HAIR = {
    "bernardo-caal-xol": "short",
    "ciham-ali-ahmed": "long",
    "janna-jihad": "long",
    "imoleayo-adeyeun-michael": "short",
    "mohamed-baker": "short",
    "zhang-zhan": "bun",
    "mikita-zalatarou": "short",
    "wendy-galarza": "ponytail",
    "sphere-ukraine": "long",
    "panusaya-sithijirawattanakul": "long",
    "Nassima al-Sada": "headscarf",
    "Khaled Drareni": "short",
    "Germain Rukuki": "curly",
}
# What earlier versions of seed_demo stored as a case's photo (a square of initials).
EARLIER_DEMO_CREDIT = "Illustration de démonstration"

# Janna Jihad's letters go to the Israeli authorities, so to Israel's embassy.
AUTHORITY_COUNTRY = {"janna-jihad": "IL"}


class Command(BaseCommand):
    help = (
        "Load the demo campaign (the seed's 2021 content, ten cases) as the current campaign, "
        "its calendar in the coming season so that everything is open today. "
        "Safe to run twice: it updates in place."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--seed-dates",
            action="store_true",
            help="Keep the seed's own calendar (2021, letters by 11 January 2022): a closed campaign today.",
        )

    def handle(self, *args, **options) -> None:
        # The fields staff write in three languages are read and written in the active one:
        # the demo's own text is French, its Dutch and English are set column by column.
        with translation.override("fr"), transaction.atomic():
            campaign = self._seed(options)
            for language, texts in TRANSLATIONS.items():
                self._seed_translations(campaign, language, texts)
        self.stdout.write(
            self.style.SUCCESS(f"Demo campaign {campaign.year} ready: {campaign.cases.count()} cases.")
        )

    def _seed(self, options) -> Campaign:
        if options["seed_dates"]:
            dates = season_dates(demo_data.SEED_DEADLINE)
        else:
            today = timezone.localdate()
            dates = season_dates(next_deadline(today), today=today)
        data = {**demo_data.CAMPAIGN, **dates, "teacher_guide": demo_data.TEACHER_GUIDE}
        Campaign.objects.exclude(year=data["year"]).filter(is_current=True).update(is_current=False)
        campaign, _ = Campaign.objects.update_or_create(
            year=data["year"], defaults={**data, "is_current": True}
        )
        for result in demo_data.PAST_RESULTS:
            PastResult.objects.update_or_create(year=result["year"], defaults=result)

        for order, (value, label) in enumerate(demo_data.IMPACT_FIGURES, start=1):
            ImpactFigure.objects.update_or_create(
                campaign=campaign, order=order, defaults={"value": value, "label": label}
            )

        themes = {
            slug: Theme.objects.update_or_create(slug=slug, defaults={"name": name})[0]
            for slug, name in demo_data.THEMES.items()
        }

        for country, (name, after_de) in demo_data.COUNTRY_NAMES.items():
            CountryName.objects.update_or_create(
                country=country, defaults={"name": name, "name_after_de": after_de}
            )

        for country, name in demo_data.EMBASSY_NAMES.items():
            Embassy.objects.update_or_create(
                country=country,
                defaults={
                    "name": name,
                    "address": f"{demo_data.DEMO_MARK}\nAvenue de l’Exemple 1\n1000 Bruxelles",
                    "notes": "Données de démonstration.",
                },
            )

        for order, item in enumerate(demo_data.CASES, start=1):
            self._seed_case(campaign, order, item, themes)

        # Announced, so that each case gets its petition (and its kits) as in the admin.
        for case in campaign.cases.all():
            case_saved(case=case)
            # The petition says what its signers demand of the authority, not the call to them.
            Petition.objects.filter(case=case).update(text=demo_data.PETITION_DEMANDS[case.slug])

        for order, item in enumerate(demo_data.SUCCESS_STORIES, start=1):
            story, _ = SuccessStory.objects.update_or_create(
                campaign=campaign,
                person_name=item["person_name"],
                defaults={**item, "order": order, "is_published": True},
            )
            # Drawn, also in place of the squares of initials and the unchosen hair of earlier
            # versions.
            name = item["person_name"]
            drawn = f"{slugify(name)}-{DRAWN_HAIR[name]}"
            if not story.photo or not os.path.basename(story.photo.name).startswith(drawn):
                story.photo.save(f"{drawn}.jpg", placeholder_portrait(name=name, hair=DRAWN_HAIR[name]))
                story.photo_alt = PORTRAIT_ALT["fr"] % {"name": name}
                story.save()
        return campaign

    def _seed_translations(self, campaign: Campaign, language: str, texts: dict) -> None:
        """The demo's Dutch or English: each text in its column, the French left alone."""

        def put(obj, values: dict) -> None:
            for name, value in values.items():
                setattr(obj, f"{name}_{language}", value)
            obj.save()

        put(campaign, texts["campaign"])
        for year, note in texts["past_results"].items():
            put(PastResult.objects.get(year=year), {"note": note})
        for order, (value, label) in enumerate(texts["impact_figures"], start=1):
            put(ImpactFigure.objects.get(campaign=campaign, order=order), {"value": value, "label": label})
        for slug, name in texts["themes"].items():
            put(Theme.objects.get(slug=slug), {"name": name})
        for country, name in texts["countries"].items():
            put(CountryName.objects.get(country=country), {"name": name})
        for slug, item in texts["cases"].items():
            case = Case.objects.select_related("authority", "petition").get(campaign=campaign, slug=slug)
            put(case.authority, item["authority"])
            put(
                case,
                {
                    "headline": item["headline"],
                    "summary": item["summary"],
                    "young_summary": item["young_summary"],
                    "story": item["story"],
                    "ask": item["ask"],
                    "country_label": item.get("country_label", ""),
                    "model_letter": item["letter"],
                    "postcard_message": item["postcard_message"],
                },
            )
            put(case.petition, {"text": item["petition_demand"]})
        stories = campaign.success_stories.order_by("order")
        for story, item in zip(stories, texts["success_stories"], strict=True):
            put(story, {**item, "photo_alt": PORTRAIT_ALT[language] % {"name": story.person_name}})

    def _seed_case(self, campaign: Campaign, order: int, item: dict, themes: dict) -> None:
        authority_data = item["authority"]
        authority, _ = Authority.objects.update_or_create(
            name=authority_data["name"],
            defaults={
                "country": AUTHORITY_COUNTRY.get(item["slug"], item["country"]),
                "title": authority_data["title"],
                "salutation": authority_data["salutation"],
                "postal_address": f"{demo_data.DEMO_MARK}\n{authority_data['name']}\nAdresse officielle à compléter",
            },
        )
        case, _ = Case.objects.update_or_create(
            campaign=campaign,
            slug=item["slug"],
            defaults={
                "order": order,
                "person_name": item["person_name"],
                "country": item["country"],
                "country_label": item.get("country_label", ""),
                "headline": item["headline"],
                "summary": item["summary"],
                "young_summary": demo_data.YOUNG_SUMMARIES[item["slug"]],
                "story": item["story"],
                "ask": item["ask"],
                "authority": authority,
                "model_letter": item["letter"],
                "postcard_message": item["postcard_message"],
                "drawn_hair": DRAWN_HAIR.get(item["slug"], ""),
                "postcard_address": (
                    f"{item['person_name']}\naux bons soins d’Amnesty International\n"
                    "Chaussée de Wavre 169\n1050 Bruxelles"
                ),
                "is_published": True,
            },
        )
        case.themes.set([themes[slug] for slug in item["themes"]])
        if case.photo and case.photo_credit == EARLIER_DEMO_CREDIT:
            # No photo in the demo: the site draws each person (case_saved, below).
            case.photo.delete(save=False)
            case.photo_alt = case.photo_credit = ""
            case.save()
