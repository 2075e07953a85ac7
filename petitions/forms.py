from __future__ import annotations

import functools
import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cases.countries import country_name, names_version
from marathon.lib.addresses import canonical_email, check_domain
from marathon.lib.belgium import normalise_postcode
from petitions.consent import NEWS_CONSENT_TEXT, ONE_PETITION, PETITIONS_TICKED
from petitions.models import Petition, Signer

NAME_PUNCTUATION = set(" -'’.")
# Bidirectional overrides can make a name display as something else.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Letters by their category that print as nothing (Hangul fillers): a name made of them
# printed as a blank line in the embassy's annex.
INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}


def clean_person_name(value: str) -> str:
    """Letters of any script, spaces, hyphens, apostrophes and dots; starting with a letter.

    The names are printed for an embassy: no digits, symbols, emoji or markup. It also
    means a name can never start with a spreadsheet formula character.
    """
    value = " ".join(unicodedata.normalize("NFC", value).split())
    if not value:
        raise ValidationError(_("This field is required."), code="required")
    if not unicodedata.category(value[0]).startswith("L"):
        raise ValidationError(_("A name must start with a letter."), code="bad_start")
    for char in value:
        category = unicodedata.category(char)
        if (
            char in BIDI_CONTROLS
            or char in INVISIBLE_LETTERS
            or not (category[0] in "LM" or char in NAME_PUNCTUATION or char in "\u200c\u200d")
        ):
            raise ValidationError(
                _("Use only letters, spaces, hyphens and apostrophes."), code="bad_character"
            )
    return value


@functools.lru_cache(maxsize=8)
def _country_options(language: str, names: tuple) -> tuple[tuple[str, str], ...]:
    # The names staff set (cases/countries.py) over the library's, in alphabetical order.
    named = [(code, country_name(code)) for code, _name in countries]
    named.sort(key=lambda item: unicodedata.normalize("NFKD", item[1]).encode("ascii", "ignore").lower())
    return tuple((code, f'<option value="{code}">{escape(name)}</option>') for code, name in named)


class CountrySelect(forms.Select):
    """The ~250 countries as one cached string per language.

    Django renders each <option> through a template, about 80 ms for this list: more
    than the rest of the sign page put together.
    """

    def render(self, name, value, attrs=None, renderer=None) -> str:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = str(value or "")
        options = "".join(
            html.replace(">", " selected>", 1) if code == selected else html
            for code, html in _country_options(translation.get_language() or "", names_version())
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308 (escaped above)


class CountryChoiceField(forms.ChoiceField):
    """A country code; the (immutable) choices are shared, not deep-copied per form."""

    widget = CountrySelect

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=(), **kwargs)

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)

    def valid_value(self, value) -> bool:
        return str(value) in countries


class SignForm(forms.Form):
    # The challenge to answer when the connection went past its soft limit (views._submit).
    proof = None
    # The words the signer agrees to, shown above the button and stored with each signature.
    consent = ONE_PETITION

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"max_length": _("At most %(limit_value)d characters, please.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"max_length": _("At most %(limit_value)d characters, please.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send you a link to confirm your signature."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        error_messages={
            "invalid": _("Enter an e-mail address like nom@exemple.be."),
            "max_length": _("At most %(limit_value)d characters, please."),
        },
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "size": 8}),
        error_messages={"max_length": _("At most %(limit_value)d characters, please.")},
    )
    country = CountryChoiceField(
        label=_("Country"),
        initial="BE",
        widget=CountrySelect(attrs={"autocomplete": "country"}),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    news_opt_in = forms.BooleanField(label=NEWS_CONSENT_TEXT, required=False)
    # A honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    @functools.cached_property
    def helper(self) -> FormHelper:
        # Only rendering needs the layout: a valid POST, most of the night's traffic,
        # redirects without building it.
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True
        helper.layout = Layout(
            Div(
                Div("first_name", css_class="col-sm-6"),
                Div("last_name", css_class="col-sm-6"),
                css_class="row",
            ),
            "email",
            Div(Div("postcode", css_class="col-5"), Div("country", css_class="col-7"), css_class="row"),
            "news_opt_in",
            Div(
                Field("website", tabindex="-1", autocomplete="off"), css_class="hp-field", aria_hidden="true"
            ),
        )
        return helper

    def clean_first_name(self) -> str:
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        return clean_person_name(self.cleaned_data["last_name"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        check_domain(email)
        # An accented domain is longer in the ASCII form the signer is stored under.
        if len(canonical_email(email)) > Signer._meta.get_field("email_canonical").max_length:
            raise ValidationError(_("This e-mail address is too long."), code="too_long")
        return email

    def clean_postcode(self) -> str:
        # Other countries' postcodes have spaces that matter (SW1A 1AA): one kept between words.
        words = self.cleaned_data["postcode"].split()
        return " ".join(normalise_postcode(word) for word in words)

    def clean(self) -> dict:
        cleaned = super().clean()
        postcode, country = cleaned.get("postcode"), cleaned.get("country")
        if postcode is None or country is None:
            return cleaned
        if country == "BE":
            if not (len(postcode) == 4 and postcode.isascii() and postcode.isdigit() and postcode[0] != "0"):
                self.add_error("postcode", _("A Belgian postcode has four digits, e.g. 1050."))
        elif not all(char.isascii() and (char.isalnum() or char in " -") for char in postcode):
            self.add_error("postcode", _("Use only letters, digits, spaces and hyphens."))
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class SignAllForm(SignForm):
    consent = PETITIONS_TICKED

    petitions = forms.ModelMultipleChoiceField(
        label=_("The petitions I sign"),
        queryset=Petition.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one petition."),
            "invalid_choice": _("This petition can no longer be signed."),
            "invalid_pk_value": _("This petition can no longer be signed."),
        },
    )

    def __init__(self, *args, petitions, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Validating needs only the ids (the page lists the petitions from its own rows):
        # loading each petition's case, texts and all, cost a signature ~5 ms of CPU.
        self.fields["petitions"].queryset = petitions.select_related(None).only("pk")
        if not self.is_bound:
            self.fields["petitions"].initial = list(petitions.values_list("pk", flat=True))
