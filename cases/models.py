from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cases.calendar import CampaignState, state_of
from marathon.lib.languages import language_field


def validate_photo_size(file) -> None:
    if file.size > settings.MAX_PHOTO_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s MB). The maximum is %(max)s MB."),
            params={
                "size": f"{file.size / 1_048_576:.1f}",
                "max": f"{settings.MAX_PHOTO_BYTES / 1_048_576:.0f}",
            },
            code="too_large",
        )


photo_validators = [
    FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
    validate_photo_size,
]


def past_campaigns(through: str = "") -> Q:
    """Earlier marathons, readable under their year: not the current one, and over
    (next year's campaign, prepared ahead, is not public). `through` reaches them from
    another model ("campaign__"): a condition on the join, cheaper than a subquery."""
    return Q(**{f"{through}is_current": False, f"{through}letters_deadline__lt": timezone.localdate()})


class CampaignQuerySet(models.QuerySet):
    def current(self) -> Campaign | None:
        """The campaign every public page shows, or None before staff create one."""
        return self.filter(is_current=True).first()

    def past(self) -> CampaignQuerySet:
        return self.filter(past_campaigns())


class Campaign(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        max_length=3000,
        blank=True,
        help_text=_("Shown at the top of the home page. Markdown."),
    )
    # The calendar (cases/calendar.py): every page and form follows it by itself.
    kit_ordering_opens_on = models.DateField(
        _("kit ordering opens on"),
        null=True,
        blank=True,
        help_text=_("Empty: kits can be ordered as soon as the campaign is the current one."),
    )
    kit_ordering_closes_on = models.DateField(
        _("kit ordering closes on"),
        help_text=_("The last day kits can be ordered by post: leave time for them to arrive and come back."),
    )
    petitions_close_on = models.DateField(
        _("petitions close on"), help_text=_("The last day the online petitions can be signed.")
    )
    letters_deadline = models.DateField(
        _("letters deadline"), help_text=_("Letters must reach the office by this date.")
    )
    teacher_guide = models.TextField(
        _("teacher's guide"),
        max_length=20000,
        blank=True,
        help_text=_("Printed as the teacher's guide, in the box and on the printables page. Markdown."),
    )
    handover_on = models.DateField(
        _("handover"),
        null=True,
        blank=True,
        help_text=_("The day letters and signatures are handed to the embassies, once known."),
    )
    return_address = models.TextField(
        _("return postal address"), max_length=400, help_text=_("Where supporters post their letters.")
    )
    # After acting: what thanks pages and the footer offer, and the goals home shows.
    donation_url = models.URLField(
        _("donation page"), blank=True, help_text=_("Offered on thanks pages and in the footer.")
    )
    membership_url = models.URLField(
        _("membership page"), blank=True, help_text=_("Offered on thanks pages and in the footer.")
    )
    signatures_goal = models.PositiveIntegerField(
        _("signatures goal"), null=True, blank=True, help_text=_("Online and paper signatures together.")
    )
    letters_goal = models.PositiveIntegerField(
        _("letters goal"), null=True, blank=True, help_text=_("Letters and cards received and counted.")
    )
    is_current = models.BooleanField(
        _("current campaign"),
        default=False,
        help_text=_("The public site shows the current campaign. Only one can be current."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_campaign",
                violation_error_message=_("Another campaign is already the current one."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("home")

    def clean(self) -> None:
        errors = {}
        opens_on, closes_on = self.kit_ordering_opens_on, self.kit_ordering_closes_on
        deadline = self.letters_deadline
        if opens_on and closes_on and closes_on < opens_on:
            errors["kit_ordering_closes_on"] = _("Kit ordering cannot close before it opens.")
        if closes_on and deadline and closes_on > deadline:
            errors["kit_ordering_closes_on"] = _("Kit ordering must close by the letters deadline.")
        if self.handover_on and deadline and self.handover_on <= deadline:
            errors["handover_on"] = _("The handover comes after the letters deadline.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def state(self) -> CampaignState:
        """What one can still do today (cases/calendar.py)."""
        return state_of(self)


class CountryName(models.Model):
    """How the site writes a country in French, as staff want it (cases/countries.py):
    "Bélarus", not the library's "Biélorussie"; "d’Israël" after « les autorités »."""

    country = CountryField(_("country"), unique=True)
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. Guatemala, Bélarus, Israël."))
    name_after_de = models.CharField(
        _("name after « de »"),
        max_length=110,
        help_text=_("As written after « les autorités »: du Guatemala, de la Chine, d’Israël."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("country name")
        verbose_name_plural = _("country names")

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Embassy(models.Model):
    """The embassy in Brussels that receives a country's letters at the handover."""

    country = CountryField(_("country"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address in Brussels"), max_length=400)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    # The language of its handover pack: French, unless the embassy asks for another.
    language = language_field()

    class Meta:
        ordering = ["country"]
        verbose_name = _("embassy")
        verbose_name_plural = _("embassies")

    def __str__(self) -> str:
        return self.name


class Authority(models.Model):
    """The official a case's letters are addressed to."""

    country = CountryField(_("country"))
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. President of the Republic"))
    postal_address = models.TextField(_("postal address"), max_length=400)
    salutation = models.CharField(_("salutation"), max_length=200, help_text=_("E.g. Monsieur le Président,"))

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("authority")
        verbose_name_plural = _("authorities")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class CaseQuerySet(models.QuerySet):
    def published(self) -> CaseQuerySet:
        return self.filter(is_published=True)

    def of_current_campaign(self) -> CaseQuerySet:
        return self.filter(campaign__is_current=True)

    def for_cards(self) -> CaseQuerySet:
        """What a list of case cards needs, in one query. No page shows a case's themes
        (they choose its drawn portrait), so they are not fetched."""
        return self.select_related("campaign", "authority", "petition")


class Case(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="cases", verbose_name=_("campaign")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, db_index=True)
    slug = models.SlugField(_("slug"), max_length=100)
    person_name = models.CharField(_("person's name"), max_length=200)
    country = CountryField(_("country"))
    country_label = models.CharField(
        _("country as shown"),
        max_length=120,
        blank=True,
        help_text=_("Optional wording of the place, e.g. 'territoires palestiniens occupés'."),
    )
    headline = models.CharField(_("headline"), max_length=200, help_text=_("One line."))
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("Two or three sentences for the cards and sharing.")
    )
    # Lengths a case needs, and no more: every character is laid out in every PDF of the
    # kit (a 463 KB story cost a worker 47 s per render).
    young_summary = models.TextField(
        _("for readers of 10 to 14"),
        max_length=1500,
        blank=True,
        help_text=_(
            "Who the person is and why they need us, in words a pupil of 10 can read. "
            "Printed on the fact sheets for young readers; empty: the summary."
        ),
    )
    story = models.TextField(
        _("story"), max_length=8000, help_text=_("Markdown: paragraphs, emphasis, lists, links.")
    )
    ask = models.TextField(
        _("the ask"), max_length=600, help_text=_("What supporters demand, in one or two sentences.")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="cases", verbose_name=_("themes"))
    photo = models.ImageField(_("photo"), upload_to="cases/", blank=True, validators=photo_validators)
    photo_alt = models.CharField(
        _("photo description"), max_length=250, blank=True, help_text=_("Alternative text for the photo.")
    )
    photo_credit = models.CharField(_("photo credit"), max_length=200, blank=True)
    # Drawn by the site (cases/illustrations.py) while there is no photo: a person, never a
    # square of initials. A photo uploaded by staff takes its place.
    illustration = models.ImageField(
        _("drawn portrait"), upload_to="cases/drawn/", blank=True, editable=False
    )

    class DrawnHair(models.TextChoices):
        CHOSEN = "", _("chosen by the site")
        SHORT = "short", _("short")
        LONG = "long", _("long")
        BUN = "bun", _("in a bun")
        CURLY = "curly", _("curly, rounded")
        HEADSCARF = "headscarf", _("headscarf")
        PONYTAIL = "ponytail", _("ponytail")

    # So that the drawing does not contradict the person it stands for.
    drawn_hair = models.CharField(
        _("hair in the drawn portrait"),
        max_length=10,
        choices=DrawnHair.choices,
        blank=True,
        help_text=_("Only while the case has no photo."),
    )
    authority = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("authority to write to"),
    )
    model_letter = models.TextField(
        _("model letter"),
        max_length=5000,
        help_text=_("The body of the letter to the authority, without salutation."),
    )
    postcard_message = models.CharField(
        _("postcard message"),
        max_length=300,
        blank=True,
        help_text=_("A short personal message supporters can copy on the card."),
    )
    postcard_address = models.TextField(
        _("postcard address"), max_length=400, blank=True, help_text=_("Where solidarity cards are sent.")
    )

    class CardsRoute(models.TextChoices):
        PERSON = "person", _("to the person or their family, posted by the office")
        EMBASSY = "embassy", _("through the embassy, handed over with the letters")

    # Only cards that go through the embassy get a forwarding slip in its pack.
    cards_route = models.CharField(
        _("solidarity cards go"),
        max_length=8,
        choices=CardsRoute.choices,
        default=CardsRoute.PERSON,
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "order", "person_name"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "slug"],
                name="unique_case_slug_per_campaign",
                violation_error_message=_("This campaign already has a case with this slug."),
            )
        ]

    def __str__(self) -> str:
        return self.person_name

    def get_absolute_url(self) -> str:
        """The current campaign's cases at /cas/<slug>/; another year's under its year, so
        that a person defended two years running has a page for each."""
        if Case.campaign.is_cached(self):
            current = self.campaign.is_current
        else:
            # Lists that did not load the campaign (petition links): the current one's id,
            # kept a few seconds per process, saves a query per link.
            from cases.current import current_campaign  # it imports this module

            now = current_campaign()
            current = now is None or self.campaign_id == now.pk
        if current:
            return reverse("cases:detail", kwargs={"slug": self.slug})
        return reverse("campaign-case", kwargs={"year": self.campaign.year, "slug": self.slug})

    @property
    def portrait(self):
        """The photo, else the drawn portrait (both image files, for thumbnails)."""
        return self.photo or self.illustration

    @property
    def portrait_is_drawn(self) -> bool:
        return not self.photo and bool(self.illustration)

    @property
    def portrait_alt(self) -> str:
        if self.photo:
            return self.photo_alt or self.person_name
        return gettext("Drawn portrait of %(name)s: an illustration, not a photograph") % {
            "name": self.person_name
        }

    @property
    def place(self) -> str:
        from cases.countries import country_name  # it imports this module

        return self.country_label or country_name(self.country.code)

    @property
    def handover_country(self) -> str:
        """The state whose authority the letters address: its embassy receives them
        (Janna Jihad is Palestinian; her letters go to Israel's Minister of Defence)."""
        return self.authority.country.code


class SuccessStory(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="success_stories",
        verbose_name=_("campaign"),
        help_text=_("The campaign on whose pages this story is shown."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    person_name = models.CharField(_("person's name"), max_length=200)
    country = CountryField(_("country"))
    body = models.TextField(_("story"), max_length=5000, help_text=_("Markdown."))
    photo = models.ImageField(_("photo"), upload_to="stories/", blank=True, validators=photo_validators)
    photo_alt = models.CharField(_("photo description"), max_length=250, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        ordering = ["campaign", "order", "title"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:success-stories") + f"#story-{self.pk}"


class ImpactFigure(models.Model):
    """A headline figure such as "77 % — de libérations", edited by staff."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="impact_figures", verbose_name=_("campaign")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    value = models.CharField(_("figure"), max_length=40, help_text=_("E.g. 77 %"))
    label = models.CharField(_("label"), max_length=200, help_text=_("E.g. of people freed"))

    class Meta:
        ordering = ["campaign", "order"]
        verbose_name = _("impact figure")
        verbose_name_plural = _("impact figures")

    def __str__(self) -> str:
        return f"{self.value} {self.label}"
