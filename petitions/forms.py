from __future__ import annotations

import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from petitions.addresses import check_domain
from petitions.models import Petition

NAME_PUNCTUATION = set(" -'’.")
# Bidirectional overrides can make a name display as something else.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


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
        if char in BIDI_CONTROLS or not (
            category[0] in "LM" or char in NAME_PUNCTUATION or char in "\u200c\u200d"
        ):
            raise ValidationError(
                _("Use only letters, spaces, hyphens and apostrophes."), code="bad_character"
            )
    return value


class SignForm(forms.Form):
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
    country = forms.ChoiceField(
        label=_("Country"),
        choices=countries,
        initial="BE",
        widget=forms.Select(attrs={"autocomplete": "country"}),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    news_opt_in = forms.BooleanField(
        label=_("I would like to receive news from the organisation by e-mail."),
        required=False,
    )
    # A honeypot: hidden from people, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
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

    def clean_first_name(self) -> str:
        return clean_person_name(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        return clean_person_name(self.cleaned_data["last_name"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        check_domain(email)
        return email

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())

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
        self.fields["petitions"].queryset = petitions
        self.fields["petitions"].initial = [petition.pk for petition in petitions]
