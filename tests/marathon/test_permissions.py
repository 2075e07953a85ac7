"""Every admin and staff URL, walked as anonymous, as a signed-in user without the
permission, and as the role that may use it. A new page that forgets its guard fails here."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Pages anyone may open. Everything else without a URL parameter is for staff.
PUBLIC = {
    "home",
    "campaigns",
    "tally:login",
    "manifest",
    "how-it-works",
    "privacy",
    "robots-txt",
    "sitemap",
    "sitemaps",
    "healthz",
    "healthz-emails",
    "cases:index",
    "cases:success-stories",
    "tally:results",
    "personal-data",
    "personal-data-sent",
    "personal-data-erased",
    "petitions:sign-all",
    "petitions:check-mailbox",
    "petitions:thanks",
    "petitions:erased",
    "kits:order",
    "kits:marathons",
    "kits:marathon-report-thanks",
}

# Staff pages outside the admin, and the permission group that may use each.
STAFF_PAGES = {"tally:desk": "counters"}


def _named_urls_without_parameters(patterns=None, namespace: str = "") -> list[str]:
    names = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                continue  # walked model by model below
            names += _named_urls_without_parameters(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groupindex:
            names.append(f"{namespace}{pattern.name}")
    return names


def _admin_urls() -> list[str]:
    urls = []
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if admin.site._registry[model].has_add_permission.__func__ is admin.ModelAdmin.has_add_permission:
            urls.append(reverse("admin:{}_{}_add".format(*info)))
    return urls


def test_every_page_without_a_parameter_is_either_public_or_guarded(client):
    names = _named_urls_without_parameters()
    assert "home" in names and "tally:desk" in names
    unguarded = []
    for name in names:
        if name in PUBLIC:
            continue
        response = client.get(reverse(name))
        if response.status_code == 200:
            unguarded.append(name)
    assert unguarded == [], "add a guard, or list the page in PUBLIC if it is meant to be public"


@pytest.mark.parametrize("name", sorted(STAFF_PAGES))
def test_staff_pages_send_anonymous_to_login_refuse_others_and_open_for_their_role(
    client, django_user_model, campaign, name
):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and (
        "login" in response["Location"] or "connexion" in response["Location"]
    )

    stranger = django_user_model.objects.create_user("stranger", password="x-long-password-1", is_staff=True)
    client.force_login(stranger)
    assert client.get(url).status_code in {403, 404}

    member = django_user_model.objects.create_user("member", password="x-long-password-2", is_staff=True)
    member.groups.add(Group.objects.get(name=STAFF_PAGES[name]))
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_every_admin_page_refuses_anonymous_and_staff_without_permission(client, django_user_model):
    urls = _admin_urls()
    assert urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url

    no_perms = django_user_model.objects.create_user("bare", password="x-long-password-3", is_staff=True)
    client.force_login(no_perms)
    for url in urls:
        assert client.get(url).status_code == 403, url

    visitor = django_user_model.objects.create_user("visitor", password="x-long-password-4")
    client.force_login(visitor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_every_admin_page_opens_for_a_superuser(staff_client):
    for url in _admin_urls():
        assert staff_client.get(url).status_code == 200, url
