"""A second factor (TOTP, django-otp) for staff who can see personal data.

Signers' names reveal political opinions and kit orders hold home addresses. A
stolen staff password alone must not open them: every admin page asks staff who
have any permission on such data (and superusers) for a one-time code from an
authenticator app, once per session. Staff who only edit cases, or volunteers
who only use the counting desk, are not asked.
"""

from __future__ import annotations

from base64 import b32encode
from functools import wraps
from urllib.parse import quote

import segno
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from marathon.outbox.services import outbox_backlog

# Models whose rows are personal data of the public; a permission on any of them
# means the staff member needs a second factor.
PERSONAL_DATA_APPS = {"petitions", "kits"}
PERSONAL_DATA_MODELS = {("tally", "handover"), ("marathon", "dataaccesslog")}


def needs_second_factor(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    for permission in user.get_all_permissions():
        app_label, _dot, codename = permission.partition(".")
        model = codename.split("_", 1)[-1]
        if app_label in PERSONAL_DATA_APPS or (app_label, model) in PERSONAL_DATA_MODELS:
            return True
    return False


def is_waiting_for_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return needs_second_factor(user) and not user.is_verified()


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class MarathonAdminSite(admin.AdminSite):
    site_header = "Marathon des lettres"
    site_title = "Marathon des lettres"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and not is_waiting_for_second_factor(request)

    def admin_view(self, view, cacheable: bool = False):
        guarded = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if is_waiting_for_second_factor(request):
                if request.path == reverse("admin:logout", current_app=self.name):
                    # The stock admin would bounce a user it does not let in back
                    # to the index instead of logging them out.
                    return view(request, *args, **kwargs)
                target = reverse("admin:second-factor", current_app=self.name)
                return HttpResponseRedirect(f"{target}?next={quote(request.get_full_path())}")
            return guarded(request, *args, **kwargs)

        return inner

    def index(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        # Staff are the first to hear "I never got the e-mail": say it here when the
        # e-mails are stuck, and what to look at.
        backlog = outbox_backlog()
        if backlog.stalled:
            messages.warning(
                request,
                ngettext(
                    "%(count)d e-mail has been waiting for %(minutes)d minutes. "
                    "Check that Celery beat and the workers are running and that the mail "
                    "server answers (see Queued e-mails).",
                    "%(count)d e-mails are waiting, the oldest for %(minutes)d "
                    "minutes. Check that Celery beat and the workers are running and that the "
                    "mail server answers (see Queued e-mails).",
                    backlog.waiting,
                )
                % {"count": backlog.waiting, "minutes": backlog.waited.total_seconds() // 60},
            )
        return super().index(request, extra_context)

    def get_urls(self):
        return [path("deux-facteurs/", self.second_factor, name="second-factor"), *super().get_urls()]

    def second_factor(self, request: HttpRequest) -> HttpResponse:
        """Set up the authenticator app on first use, then ask for a code."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect(
                f"{reverse('admin:login', current_app=self.name)}?next={quote(request.get_full_path())}"
            )
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            next_url, {request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        if user.is_verified():
            return redirect(next_url)

        enrolled = user_has_device(user)
        device = None
        if not enrolled:
            device = TOTPDevice.objects.filter(
                user=user, confirmed=False
            ).first() or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)

        form = TokenForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            candidates = [device] if device else TOTPDevice.objects.filter(user=user, confirmed=True)
            for candidate in candidates:
                if candidate.verify_token(form.cleaned_data["token"]):
                    if not candidate.confirmed:
                        candidate.confirmed = True
                        candidate.save(update_fields=["confirmed"])
                    otp_login(request, candidate)
                    return redirect(next_url)
            form.add_error("token", _("This code is not valid. Check the time on your phone and try again."))

        context = {
            **self.each_context(request),
            "title": _("Two-step verification"),
            "form": form,
            "next": next_url,
            "enrolling": not enrolled,
        }
        if device:
            qr = segno.make(device.config_url, error="m")
            context["qr_data_uri"] = qr.svg_data_uri(scale=5, border=2)
            secret = b32encode(device.bin_key).decode().rstrip("=")
            context["manual_key"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        status = 400 if form.errors else 200
        return TemplateResponse(request, "admin/second_factor.html", context, status=status)


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The username django-axes records for a failed login (AXES_USERNAME_CALLABLE).

    Cut to the longest a username can be: a 256-character one was written as typed into
    axes' 255-character column and the login page answered 500.
    """
    source = credentials if credentials is not None else request.POST
    username = source.get("username") or ""
    return str(username)[: User.username.field.max_length]
