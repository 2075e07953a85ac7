from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from kits.models import KitOrder, normalise_reference, reference_validator
from marathon.tally.models import (
    Handover,
    LetterBatch,
    LetterBatchLine,
    LetterKind,
    SenderKind,
)


def count_field_name(case_id: int, kind: str) -> str:
    return f"n_{case_id}_{kind}"


def validate_not_in_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date received cannot be in the future."), code="future")


def too_many_message() -> str:
    return _(
        "More than %(limit)s in one envelope? Check the number, or enter the parcel as several batches."
    ) % {"limit": number_format(settings.TALLY_MAX_PER_ENVELOPE, force_grouping=True)}


class CountField(forms.IntegerField):
    """A number typed at the desk: blank means none, spaces in "1 200" are allowed."""

    default_error_messages = {
        "invalid": _("Type a whole number, e.g. 12."),
        "min_value": _("A count cannot be negative."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split())
        return super().to_python(value)

    def clean(self, value) -> int:
        return super().clean(value) or 0


class BatchForm(forms.Form):
    """What one envelope held: a number per case and kind, and where it came from."""

    received_on = forms.DateField(
        label=_("Received on"),
        validators=[validate_not_in_future],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, e.g. 14/12/2021.")},
    )
    sender_kind = forms.ChoiceField(
        label=_("Sent by"), choices=SenderKind.choices, initial=SenderKind.UNKNOWN
    )
    kit_order_reference = forms.CharField(
        label=_("Kit order reference"),
        required=False,
        max_length=40,
        help_text=_("Optional, e.g. MDL-7KQ4."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, cases: list[Case], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cases = cases
        self.campaign_id = cases[0].campaign_id if cases else None
        limit = settings.TALLY_MAX_PER_ENVELOPE
        for case in cases:
            for kind in LetterKind:
                self.fields[count_field_name(case.pk, kind)] = CountField(
                    label=f"{case.person_name} — {kind.label}",
                    required=False,
                    min_value=0,
                    max_value=limit,
                    error_messages={"max_value": too_many_message()},
                    widget=forms.TextInput(
                        attrs={
                            "inputmode": "numeric",
                            "autocomplete": "off",
                            "class": "form-control count-input",
                        }
                    ),
                )
        first = self.count_field_names()[:1]
        if first:
            self.fields[first[0]].widget.attrs["autofocus"] = True
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Row(
                Column("received_on", css_class="col-6 col-lg-3"),
                Column("sender_kind", css_class="col-6 col-lg-3"),
                Column("kit_order_reference", css_class="col-6 col-lg-3"),
                Column("note", css_class="col-6 col-lg-3"),
            ),
            "submission_key",
        )

    def full_clean(self) -> None:
        super().full_clean()
        # The page comes back with the cursor on the first field to fix (the first
        # number otherwise, set in __init__).
        in_error = [name for name in self.fields if name in self.errors]
        if in_error:
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)
            self.fields[in_error[0]].widget.attrs["autofocus"] = True
        for name in in_error:
            if name.startswith("n_"):
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()

    def count_field_names(self) -> list[str]:
        return [count_field_name(case.pk, kind) for case in self.cases for kind in LetterKind]

    def grid(self) -> list[tuple[Case, list[forms.BoundField]]]:
        """The number fields as rows (one per case) of columns (one per kind)."""
        return [(case, [self[count_field_name(case.pk, kind)] for kind in LetterKind]) for case in self.cases]

    def clean_kit_order_reference(self) -> str:
        reference = normalise_reference(self.cleaned_data["kit_order_reference"])
        if reference:
            reference_validator(reference)
            if not KitOrder.objects.filter(campaign_id=self.campaign_id, reference=reference).exists():
                raise forms.ValidationError(
                    _(
                        "No kit of this marathon has the reference %(reference)s: check it, or leave it empty."
                    ),
                    params={"reference": reference},
                    code="unknown",
                )
        return reference

    def clean(self) -> dict:
        cleaned = super().clean()
        total = sum(cleaned.get(name) or 0 for name in self.count_field_names())
        counts_valid = all(name not in self.errors for name in self.count_field_names())
        if counts_valid and total == 0:
            raise ValidationError(_("This envelope is empty: type at least one number."), code="empty")
        if counts_valid and total > settings.TALLY_MAX_PER_ENVELOPE:
            raise ValidationError(too_many_message(), code="too_many")
        return cleaned

    def counts(self) -> dict[tuple[int, str], int]:
        """{(case id, kind): number} for the numbers typed, without the zeros."""
        return {
            (case.pk, kind.value): self.cleaned_data[count_field_name(case.pk, kind)]
            for case in self.cases
            for kind in LetterKind
            if self.cleaned_data[count_field_name(case.pk, kind)]
        }


class LetterBatchAdminForm(forms.ModelForm):
    """A staff correction of a batch: the same rules as at the desk."""

    class Meta:
        model = LetterBatch
        fields = ["campaign", "received_on", "sender_kind", "kit_order_reference", "note"]

    def clean_received_on(self) -> datetime.date:
        received_on = self.cleaned_data["received_on"]
        validate_not_in_future(received_on)
        return received_on

    def clean_kit_order_reference(self) -> str:
        return normalise_reference(self.cleaned_data["kit_order_reference"])


class LetterBatchLineAdminForm(forms.ModelForm):
    class Meta:
        model = LetterBatchLine
        fields = ["case", "kind", "count"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "case" in self.fields:
            # Cases of different years share names: say which campaign each belongs to.
            self.fields["case"].label_from_instance = lambda case: (
                f"{case.person_name} ({case.campaign.year})"
            )

    def clean_count(self) -> int:
        count = self.cleaned_data["count"]
        if count < 1:
            raise ValidationError(_("A line holds at least one item; delete the line instead."), code="zero")
        if count > settings.TALLY_MAX_PER_ENVELOPE:
            raise ValidationError(too_many_message(), code="too_many")
        return count


class LetterBatchLineAdminFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if self.instance.campaign_id and "case" in form.fields:
            form.fields["case"].queryset = form.fields["case"].queryset.filter(
                campaign_id=self.instance.campaign_id
            )

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError(_("A batch needs at least one line. To remove the whole batch, delete it."))
        campaign = self.instance.campaign if self.instance.campaign_id else None
        for form in kept:
            case = form.cleaned_data.get("case")
            if campaign and case and case.campaign_id != campaign.pk:
                form.add_error("case", _("This case belongs to another campaign than the batch."))
        total = sum(form.cleaned_data.get("count") or 0 for form in kept)
        if total > settings.TALLY_MAX_PER_ENVELOPE:
            raise ValidationError(too_many_message(), code="too_many")


# --- The embassy handover ---------------------------------------------------------------


def _clean_delivery(form: forms.Form, *, required: bool) -> None:
    """A delivery is a date and a person together; the date is today or before."""
    data = form.cleaned_data
    delivered_on, received_by = data.get("delivered_on"), (data.get("received_by") or "").strip()
    if "received_by" in data:
        data["received_by"] = received_by
    if delivered_on and delivered_on > timezone.localdate():
        form.add_error("delivered_on", _("The pack cannot have been delivered in the future."))
    if (required or received_by) and not delivered_on and "delivered_on" not in form.errors:
        form.add_error("delivered_on", _("Give the date the pack was handed to the embassy."))
    if (required or delivered_on) and not received_by and "received_by" not in form.errors:
        form.add_error("received_by", _("Say who received the pack at the embassy."))


class HandoverDeliveryForm(forms.Form):
    """ "Mark as delivered": the same date, person and note for the selected embassies."""

    delivered_on = forms.DateField(
        label=_("Delivered on"),
        initial=timezone.localdate,
        error_messages={"required": _("Give the date the pack was handed to the embassy.")},
    )
    received_by = forms.CharField(
        label=_("Received by"),
        max_length=200,
        help_text=_("Who took the pack at the embassy."),
        error_messages={"required": _("Say who received the pack at the embassy.")},
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        _clean_delivery(self, required=True)
        return cleaned


class HandoverAdminForm(forms.ModelForm):
    """The change form: staff edit the delivery only; the pack is the worker's."""

    class Meta:
        model = Handover
        fields = ["delivered_on", "received_by", "note"]

    def clean(self) -> dict:
        cleaned = super().clean()
        _clean_delivery(self, required=False)
        return cleaned
