from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import uuid

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import Campaign
from kits.models import KitOrder, OrganisedMarathon, SenderKind
from marathon.lib.belgium import normalise_postcode, province_for_postcode

# Categories a name or an address line never needs: control and invisible
# formatting characters (which can reorder what a packer reads), unassigned and
# private code points, and pictographs such as emoji that no label printer renders.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "So"}
# Symbols Belgian addresses do use.
_ALLOWED_SYMBOLS = {"°", "№"}
_PHONE_RE = re.compile(r"^\+?[0-9 ./()\-]+$")


def validate_postal_text(value: str) -> None:
    """Refuse markup, invisible characters and emoji in what goes on a postal label."""
    if "<" in value or ">" in value:
        raise ValidationError(_("The characters < and > are not allowed here."), code="markup")
    for char in value:
        if char in _ALLOWED_SYMBOLS:
            continue
        if unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise ValidationError(
                _("Please use letters, numbers and punctuation only (no emoji or special symbols)."),
                code="symbol",
            )


def validate_note_text(value: str) -> None:
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in "\n\r\t":
            raise ValidationError(_("The message contains characters that are not allowed."), code="control")


def validate_phone(value: str) -> None:
    digits = sum(char.isdigit() for char in value)
    if not _PHONE_RE.match(value) or not 8 <= digits <= 15:
        raise ValidationError(_("Enter a phone number, e.g. 0470 12 34 56 or +32 2 123 45 67."), code="phone")


class PostalTextField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_postal_text])
        super().__init__(**kwargs)


class BelgianPostcodeField(forms.RegexField):
    """Four ASCII digits, 1000 to 9999; forgives the spaces and the "B-" people sometimes type.

    Not localflavor's field: its pattern ends in $, which lets a newline through to a
    column of four characters, and its \\d takes any script's digits as typed.
    """

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {
            "invalid": _("Enter a Belgian postcode: four digits, from 1000 to 9999."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(r"\A[1-9][0-9]{3}\Z", **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})

    def to_python(self, value: object) -> str:
        value = normalise_postcode(super().to_python(value))
        return value.removeprefix("B-").removeprefix("B")


def _max_length_messages(limit: int) -> dict:
    return {"max_length": _("At most %(limit)s characters, please.") % {"limit": limit}}


class KitOrderForm(forms.Form):
    """The public kit order form. It validates and tidies; kits.services makes the order."""

    form_token = forms.UUIDField(widget=forms.HiddenInput)
    # Set by the page that asks "a second order, really?" (views.order).
    another_order = forms.BooleanField(required=False, widget=forms.HiddenInput)

    kind = forms.ChoiceField(
        label=_("Who is the kit for?"),
        choices=SenderKind.who_order(),
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us who the kit is for.")},
    )
    organisation_name = PostalTextField(
        label=_("Name of the school or organisation"),
        max_length=150,
        required=False,
        help_text=_("For a school class or an association. It goes on the address label."),
        error_messages=_max_length_messages(150),
    )
    age_band = forms.ChoiceField(
        label=_("Age of the pupils"),
        choices=KitOrder.AgeBand.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("For a school class: younger pupils get fact sheets written for them."),
    )
    contact_name = PostalTextField(
        label=_("Your first and last name"),
        max_length=100,
        min_length=2,
        error_messages={
            "required": _("Enter your name: it goes on the parcel."),
            "min_length": _("Enter your first and last name."),
            **_max_length_messages(100),
        },
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("We send you the order confirmation and a message when the kit leaves."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address such as name@example.be."),
            **_max_length_messages(254),
        },
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        validators=[validate_phone],
        help_text=_("Only if the postman needs to reach you."),
        error_messages=_max_length_messages(30),
    )
    street = PostalTextField(
        label=_("Street and number"),
        max_length=150,
        error_messages={"required": _("Enter the street and number."), **_max_length_messages(150)},
    )
    box = PostalTextField(
        label=_("Box (optional)"),
        max_length=10,
        required=False,
        error_messages=_max_length_messages(10),
    )
    postcode = BelgianPostcodeField(
        label=_("Postcode"),
        error_messages={"required": _("Enter the postcode.")},
    )
    city = PostalTextField(
        label=_("City"),
        max_length=80,
        error_messages={"required": _("Enter the city."), **_max_length_messages(80)},
    )
    writers = forms.IntegerField(
        label=_("How many people will write?"),
        min_value=1,
        max_value=KitOrder.MAX_WRITERS,
        help_text=_("The box is filled for this number of writers (500 at most)."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Tell us how many people will write."),
            "invalid": _("Enter a whole number, e.g. 25."),
            "min_value": _("At least one writer."),
            "max_value": _("500 writers at most per order. For more, place a second order or contact us."),
        },
    )
    marathon_date = forms.DateField(
        label=_("Date of your marathon"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
        error_messages={"invalid": _("Enter a date such as 10/12/2021.")},
    )
    marathon_town = PostalTextField(
        label=_("Town of the marathon"),
        max_length=80,
        required=False,
        help_text=_("Leave empty if it is the town of the delivery address."),
        error_messages=_max_length_messages(80),
    )
    marathon_postcode = BelgianPostcodeField(label=_("Postcode of the marathon"), required=False)
    marathon_expected_writers = forms.IntegerField(
        label=_("How many people do you expect?"),
        required=False,
        min_value=1,
        max_value=5000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a whole number, e.g. 25."),
            "min_value": _("At least one writer."),
            "max_value": _("5,000 people at most."),
        },
    )
    marathon_is_public = forms.BooleanField(
        label=_("List it on our page of upcoming marathons (date, town and the school or group's name only)"),
        required=False,
    )
    # So that others can join: published only with the box below ticked.
    marathon_venue = PostalTextField(
        label=_("Venue (optional)"), max_length=150, required=False, error_messages=_max_length_messages(150)
    )
    marathon_address = PostalTextField(
        label=_("Street and number of the venue (optional)"),
        max_length=200,
        required=False,
        error_messages=_max_length_messages(200),
    )
    marathon_starts_at = forms.TimeField(
        label=_("Starts at (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time such as 14:00.")},
    )
    marathon_ends_at = forms.TimeField(
        label=_("Ends at (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time such as 17:30.")},
    )
    marathon_accessibility = PostalTextField(
        label=_("Accessibility (optional)"),
        max_length=200,
        required=False,
        help_text=_("E.g. step-free access, sign language, a quiet room."),
        error_messages=_max_length_messages(200),
    )
    marathon_public_contact = PostalTextField(
        label=_("A contact for people who want to join (optional)"),
        max_length=150,
        required=False,
        help_text=_("An e-mail address or a phone number you are happy to publish."),
        error_messages=_max_length_messages(150),
    )
    marathon_details_public = forms.BooleanField(
        label=_(
            "Also publish the venue, the times, the accessibility and this contact, so that others can join"
        ),
        required=False,
    )
    note = forms.CharField(
        label=_("A message for us (optional)"),
        max_length=1000,
        required=False,
        validators=[validate_note_text],
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_max_length_messages(1000),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("We need your agreement to send you the kit.")},
    )

    AUTOCOMPLETE = {
        "contact_name": "name",
        "email": "email",
        "phone": "tel",
        "organisation_name": "organization",
        "street": "address-line1",
        "box": "address-line2",
        "city": "address-level2",
    }

    def __init__(self, *args, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.token_expired = False
        if self.is_bound:
            # A missing or broken token must not cost the person what they typed:
            # give the form a fresh one and ask them to send it again.
            try:
                uuid.UUID(str(self.data.get("form_token", "")))
            except ValueError:
                self.data = self.data.copy()
                self.data["form_token"] = str(uuid.uuid4())
                self.token_expired = True
        else:
            self.initial.setdefault("form_token", uuid.uuid4())
        # A phone's date picker offers only the days the marathon can be on.
        self.fields["marathon_date"].widget.attrs.update(
            min=timezone.localdate().isoformat(), max=campaign.letters_deadline.isoformat()
        )
        # A new tab, so that reading the notice does not lose the form.
        self.fields["consent"].label = format_html(
            '{} <a href="{}" target="_blank" rel="noopener">{}<span class="visually-hidden"> ({})</span></a>',
            _("I agree that my details are used to send me this kit and the e-mails about it."),
            reverse_lazy("privacy"),
            _("How we handle your data"),
            _("opens in a new tab"),
        )
        for name, autocomplete in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    @functools.cached_property
    def helper(self) -> FormHelper:
        # Made when the form is shown, not when it is only read: a valid order is not.
        helper = FormHelper()
        helper.form_id = "kit-order-form"
        helper.attrs = {"novalidate": ""}
        helper.layout = Layout(
            "form_token",
            # Past the connection's soft limit, the challenge to answer (views.order).
            HTML('{% include "includes/proof.html" %}'),
            # The same order already received today: asked before making another.
            HTML('{% include "kits/duplicate_notice.html" %}'),
            Fieldset(_("Who is ordering"), "kind", "organisation_name", "age_band"),
            Fieldset(_("Your contact details"), "contact_name", "email", "phone"),
            Fieldset(
                _("Delivery address in Belgium"),
                Row(
                    Column("street", css_class="col-12 col-sm-9"),
                    Column("box", css_class="col-12 col-sm-3"),
                ),
                Row(
                    Column("postcode", css_class="col-12 col-sm-4"),
                    Column("city", css_class="col-12 col-sm-8"),
                ),
            ),
            Fieldset(_("Writers"), "writers"),
            # Folded away unless wanted (no JavaScript): most orderers write at home, and
            # the form stays short on a phone.
            HTML(
                '<details class="marathon-details"{}><summary>{}</summary>'.format(
                    " open" if self._marathon_given() else "",
                    _("Are you organising a letter-writing marathon? (optional)"),
                )
            ),
            Div(
                HTML(
                    '<p class="form-text mt-0">{}</p>'.format(
                        _(
                            "A class, a group or friends writing together on one day. "
                            "After the day, we will ask you how many letters you wrote."
                        )
                    )
                ),
                "marathon_date",
                Row(
                    Column("marathon_postcode", css_class="col-sm-4"),
                    Column("marathon_town", css_class="col-sm-8"),
                ),
                "marathon_expected_writers",
                "marathon_is_public",
                # Folded away unless wanted (no JavaScript): the form stays short on a phone.
                HTML(
                    '<details class="marathon-join"{}><summary>{}</summary>'.format(
                        " open" if self._join_details_given() else "",
                        _("Would you like others to join you? (optional)"),
                    )
                ),
                "marathon_venue",
                "marathon_address",
                Row(
                    Column("marathon_starts_at", css_class="col-6"),
                    Column("marathon_ends_at", css_class="col-6"),
                ),
                "marathon_accessibility",
                "marathon_public_contact",
                "marathon_details_public",
                HTML("</details>"),
            ),
            HTML("</details>"),
            Fieldset(_("Anything else"), "note", "consent"),
            Div(
                StrictButton(
                    _("Order my free kit"), type="submit", css_class="btn btn-cta btn-lg kit-submit"
                ),
                css_class="mt-4",
            ),
        )
        return helper

    JOIN_FIELDS = (
        "marathon_venue",
        "marathon_address",
        "marathon_starts_at",
        "marathon_ends_at",
        "marathon_accessibility",
        "marathon_public_contact",
        "marathon_details_public",
    )

    def _marathon_given(self) -> bool:
        """Open the marathon part when the orderer filled some of it in (or has errors there)."""
        return self.is_bound and any(
            self.data.get(name)
            for name in ("marathon_date", "marathon_town", "marathon_postcode", *self.JOIN_FIELDS)
        )

    def _join_details_given(self) -> bool:
        """Open the "others can join" part when the orderer filled it in or it has errors."""
        return self.is_bound and any(self.data.get(name) for name in self.JOIN_FIELDS)

    def clean_contact_name(self) -> str:
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_marathon_date(self) -> datetime.date | None:
        date = self.cleaned_data["marathon_date"]
        if date is None:
            return None
        if date < timezone.localdate():
            raise ValidationError(_("This date is in the past."), code="past")
        if date > self.campaign.letters_deadline:
            deadline = formats.date_format(self.campaign.letters_deadline, "j F Y")
            raise ValidationError(
                _("Your letters must reach us by %(deadline)s: choose an earlier date.")
                % {"deadline": deadline},
                code="after_deadline",
            )
        return date

    def clean(self) -> dict:
        data = super().clean()
        if self.token_expired:
            self.add_error(None, _("This form had expired. Please check it and send it again."))
        kind = data.get("kind")
        needs_organisation = kind in (KitOrder.Kind.SCHOOL, KitOrder.Kind.GROUP)
        if (
            needs_organisation
            and not data.get("organisation_name")
            and "organisation_name" not in self.errors
        ):
            self.add_error(
                "organisation_name", _("Enter the name of the school or organisation for the label.")
            )
        if kind == KitOrder.Kind.SCHOOL and not data.get("age_band"):
            self.add_error("age_band", _("Choose the age of the pupils: it changes what goes in the box."))
        if kind != KitOrder.Kind.SCHOOL:
            data["age_band"] = ""
        marathon_fields = (
            "marathon_venue",
            "marathon_address",
            "marathon_starts_at",
            "marathon_public_contact",
            "marathon_town",
            "marathon_postcode",
            "marathon_expected_writers",
            "marathon_is_public",
        )
        marathon_started = any(data.get(name) for name in marathon_fields)
        if marathon_started and not data.get("marathon_date") and "marathon_date" not in self.errors:
            self.add_error("marathon_date", _("Enter the date of your marathon."))
        starts, ends = data.get("marathon_starts_at"), data.get("marathon_ends_at")
        if starts and ends and ends <= starts:
            self.add_error("marathon_ends_at", _("The end comes after the start."))
        return data

    def order_details(self) -> dict:
        """The cleaned data, as the keyword arguments of kits.services.kit_order_create."""
        data = self.cleaned_data
        details = {
            name: data[name]
            for name in (
                "kind",
                "contact_name",
                "email",
                "phone",
                "organisation_name",
                "age_band",
                "street",
                "box",
                "postcode",
                "city",
                "writers",
                "note",
            )
        }
        details["form_token"] = data["form_token"]
        details["marathon"] = None
        if data.get("marathon_date"):
            postcode = data.get("marathon_postcode") or data["postcode"]
            details["marathon"] = {
                "date": data["marathon_date"],
                "town": data.get("marathon_town") or data["city"],
                "province": province_for_postcode(postcode),
                "expected_writers": data.get("marathon_expected_writers") or data["writers"],
                "is_public": data.get("marathon_is_public", False),
                "venue": data.get("marathon_venue", ""),
                "address": data.get("marathon_address", ""),
                "starts_at": data.get("marathon_starts_at"),
                "ends_at": data.get("marathon_ends_at"),
                "accessibility": data.get("marathon_accessibility", ""),
                "public_contact": data.get("marathon_public_contact", ""),
                # Details are published only for a listed marathon, and only if asked.
                "details_public": bool(
                    data.get("marathon_is_public") and data.get("marathon_details_public")
                ),
            }
        return details


class MarathonReportForm(forms.Form):
    """Letters and cards written per case at an organised marathon."""

    writers = forms.IntegerField(
        label=_("How many people took part?"),
        min_value=0,
        max_value=5000,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Enter a whole number, e.g. 25."),
            "min_value": _("Enter 0 or more."),
            "max_value": _("5,000 people at most."),
        },
    )

    MAX_PER_CASE = 10_000

    def __init__(self, *args, marathon: OrganisedMarathon, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = list(cases)
        previous = {report.case_id: report for report in marathon.reports.all()}
        counts = {
            "invalid": _("Enter a whole number, e.g. 25."),
            "min_value": _("Enter 0 or more."),
            "max_value": _("10,000 at most."),
        }
        if marathon.reported_writers is not None:
            self.initial.setdefault("writers", marathon.reported_writers)
        for case in self.cases:
            report = previous.get(case.pk)
            for kind, label in (("letters", _("Letters")), ("cards", _("Cards"))):
                name = f"{kind}_{case.pk}"
                self.fields[name] = forms.IntegerField(
                    label=label,
                    min_value=0,
                    max_value=self.MAX_PER_CASE,
                    required=False,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    error_messages=counts,
                )
                if report is not None:
                    self.initial[name] = getattr(report, kind)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def case_rows(self) -> list[tuple]:
        return [(case, self[f"letters_{case.pk}"], self[f"cards_{case.pk}"]) for case in self.cases]

    def counts(self) -> dict[int, tuple[int, int]]:
        data = self.cleaned_data
        return {
            case.pk: (data.get(f"letters_{case.pk}") or 0, data.get(f"cards_{case.pk}") or 0)
            for case in self.cases
        }


class MarathonEditForm(forms.ModelForm):
    """An organiser changes their marathon through the link in their e-mail."""

    class Meta:
        model = OrganisedMarathon
        fields = [
            "date",
            "town",
            "expected_writers",
            "is_public",
            "venue",
            "address",
            "starts_at",
            "ends_at",
            "accessibility",
            "public_contact",
            "details_public",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        labels = {
            "is_public": _(
                "List it on our page of upcoming marathons (date, town and the school or group's name only)"
            ),
            "details_public": _(
                "Also publish the venue, the times, the accessibility and this contact, so that others can join"
            ),
        }
        error_messages = {
            "date": {"invalid": _("Enter a date such as 10/12/2021.")},
            "starts_at": {"invalid": _("Enter a time such as 14:00.")},
            "ends_at": {"invalid": _("Enter a time such as 17:30.")},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["expected_writers"].max_value = 5000
        for name in ("town", "venue", "address", "accessibility", "public_contact"):
            self.fields[name].validators.append(validate_postal_text)

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        deadline = self.instance.order.campaign.letters_deadline
        if date < timezone.localdate():
            raise ValidationError(_("This date is in the past."), code="past")
        if date > deadline:
            raise ValidationError(
                _("Your letters must reach us by %(deadline)s: choose an earlier date.")
                % {"deadline": formats.date_format(deadline, "j F Y")},
                code="after_deadline",
            )
        return date

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end comes after the start."))
        if not data.get("is_public"):
            data["details_public"] = False
        return data
