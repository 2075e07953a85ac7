"""Every public page, read in Dutch or in English, holds no sentence of the French catalogue
(issue 20): a string left untranslated, a template that forgot {% translate %}, a view or a
form that translated at import time instead of per request, a language not activated.

The demo campaign (ten cases with their Dutch and English texts) is loaded, the site is
crawled from /<lang>/ along its own links, a few pages only a form or an e-mail leads to
are added, and each page's text (what is shown, and what a screen reader says of it: alt,
title, aria-label, placeholder, the description) is searched for every French msgstr of
three words or more that the target language does not share.
"""

from __future__ import annotations

import datetime
import html
import re
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

LOCALES = Path(__file__).resolve().parents[2] / "locale"
MAX_PAGES = 80
MIN_PAGES = 15

# Not pages: files, the admin, what a click would change.
SKIP = ("/admin/", "/static/", "/media/", ".pdf", ".ics", "mailto:", "tel:", "deconnexion", "logout")

# --- The French catalogue's sentences ----------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
# %(name)s, %(count)d, %s, %d, {name}, {0}: what a view puts there is not the catalogue's.
_PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[^{}]*\}")
_WORD = re.compile(r"\w", re.UNICODE)


def normalise(text: str) -> str:
    """One space between words; none of the no-break spaces French puts before ?!:; and
    inside « »; the same case (a capfirst or a title must not hide a sentence)."""
    text = re.sub(r"\s+", " ", text.replace("\u2009", " ")).strip()
    text = re.sub(r" ?([?!:;»])", r"\1", text)
    text = re.sub(r"« ?", "«", text)
    return text.casefold()


def fragments(msgstr: str) -> list[str]:
    """The runs of text of a msgstr between its placeholders, tags taken out."""
    without_tags = html.unescape(_TAG.sub(" ", msgstr.replace("%%", "%")))
    return [normalise(part) for part in _PLACEHOLDER.split(without_tags)]


def words(fragment: str) -> int:
    return sum(1 for token in fragment.split(" ") if _WORD.search(token))


def _entries(language: str) -> dict[tuple, list[str]]:
    catalogue = polib.pofile(str(LOCALES / language / "LC_MESSAGES" / "django.po"))
    entries = {}
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        forms = [entry.msgstr_plural[n] for n in sorted(entry.msgstr_plural)] or [entry.msgstr]
        entries[(entry.msgctxt, entry.msgid, entry.msgid_plural)] = forms
    return entries


def french_sentences(language: str) -> dict[str, str]:
    """Each French run of three words or more the language does not share, with its msgid."""
    french, other = _entries("fr"), _entries(language)
    sentences: dict[str, str] = {}
    for key, forms in french.items():
        translated = other.get(key, [])
        theirs = " | ".join(normalise(_TAG.sub(" ", html.unescape(form))) for form in translated)
        for n, form in enumerate(forms):
            if n < len(translated) and translated[n] == form:
                continue  # a name, a code, a word both languages spell alike
            for fragment in fragments(form):
                if words(fragment) >= 3 and fragment not in theirs:
                    sentences.setdefault(fragment, key[1])
    return sentences


# --- A page's text ---------------------------------------------------------------------

# What a screen reader or a search engine says of a page besides its text.
READ_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder")
# Not read: code, and the postal addresses (the campaign's return address is one text the
# post reads, "Amnesty International — Marathon des lettres, Chaussée de Wavre…", not
# translated on purpose: cases/translation.py leaves it out).
UNREAD = ("script", "style", "address")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []
        self.links: list[str] = []
        self._hidden = 0  # inside <script>, <style> or <address>

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag in UNREAD:
            self._hidden += 1
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.attributes.append(values[name])
        if (
            tag == "meta"
            and values.get("content")
            and (values.get("name") == "description" or (values.get("property") or "").startswith("og:"))
        ):
            self.attributes.append(values["content"])
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.attributes.append(values["value"])
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD and self._hidden:
            self._hidden -= 1
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def read_page(content: str) -> tuple[str, list[str], list[str]]:
    """The page's visible text, its other read texts (each apart), and its links."""
    parser = _Page()
    parser.feed(content)
    parser.close()
    return normalise("".join(parser.text)), [normalise(a) for a in parser.attributes], parser.links


# --- The pages -------------------------------------------------------------------------


def _is_page_link(href: str, language: str) -> str | None:
    """The path (and query) of a link to one of the site's pages in this language."""
    parts = urlsplit(href)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return None
    path = parts.path
    if not path.startswith(f"/{language}/") or any(skip in href for skip in SKIP):
        return None
    # The printables' own addresses answer with the PDF (or a redirect to it): a download.
    rest = path[len(language) + 1 :]
    if rest.startswith("/kit/imprimer/") and rest != "/kit/imprimer/":
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def pages_only_a_form_or_an_email_leads_to(language: str, *, broken_links: bool = True) -> list[str]:
    """Pages no link on the site points at: the answers to its forms and the pages its
    e-mails link to, with valid links (and with broken ones). It makes what they show: a
    signature, kit orders with their marathons, a request for one's data."""
    from cases.models import Campaign, Case
    from kits.links import (
        marathon_edit_token,
        marathon_report_token,
        order_not_me_token,
        reminders_stop_token,
    )
    from marathon.emails import personal_data_token
    from marathon.models import PersonalDataRequest
    from petitions.models import Signer
    from petitions.services import signature_create
    from petitions.tokens import Purpose, signer_token
    from tests.kits.helpers import make_kit_order

    campaign = Campaign.objects.current()
    case = Case.objects.published().filter(campaign=campaign).first()
    signature_create(
        petitions=[case.petition],
        first_name="Anne",
        last_name="Dupont",
        email=f"anne-{language}@example.org",
        postcode="1050",
        country="BE",
        news_opt_in=False,
    )
    signer = Signer.objects.get(email=f"anne-{language}@example.org")
    order = make_kit_order(
        campaign=campaign,
        kind="school",
        organisation_name="Athénée royal",
        marathon={"date": timezone.localdate() + datetime.timedelta(days=5), "is_public": True},
    )
    past = make_kit_order(
        campaign=campaign, marathon={"date": timezone.localdate() - datetime.timedelta(days=1)}
    )
    data_request = PersonalDataRequest.objects.create(email=f"anne-{language}@example.org", language=language)
    valid = [
        f"petitions/{case.petition.pk}/signer/",
        "petitions/verifiez-votre-boite/",
        "petitions/merci/",
        "petitions/donnees-effacees/",
        f"petitions/confirmer/{signer_token(signer=signer, purpose=Purpose.CONFIRM_SIGNATURES)}/",
        f"petitions/effacer/{signer_token(signer=signer, purpose=Purpose.ERASE_SIGNER)}/",
        "mes-donnees/envoye/",
        "mes-donnees/efface/",
        f"mes-donnees/{personal_data_token(data_request)}/",
        f"kit/commande/{order.form_token}/",
        f"kit/commande/pas-moi/{order_not_me_token(order)}/",
        f"kit/rappels/arreter/{reminders_stop_token(order)}/",
        f"kit/marathons/modifier/{marathon_edit_token(order.marathon)}/",
        f"kit/marathons/bilan/{marathon_report_token(past.marathon)}/",
        "kit/marathons/bilan/merci/",
        "comptage/connexion/",
    ]
    broken = [
        "petitions/confirmer/not-a-link/",
        "petitions/effacer/not-a-link/",
        "petitions/nouvelles/desinscription/not-a-link/",
        "mes-donnees/not-a-link/",
        f"kit/commande/{uuid.uuid4()}/",
        "kit/commande/pas-moi/not-a-link/",
        "kit/rappels/arreter/not-a-link/",
        "kit/marathons/modifier/not-a-link/",
        "kit/marathons/bilan/not-a-link/",
        "cas/no-such-person/",
    ]
    return [f"/{language}/{path}" for path in valid + (broken if broken_links else [])]


# The public forms (with one case's petition form), sent with what makes them say what is wrong.
FORMS = ["petitions/signer-tout/", "kit/commander/", "mes-donnees/", "comptage/connexion/"]
WRONG = {"email": "not-an-address", "username": "nobody", "password": "not-the-password"}


def crawl(client: Client, language: str) -> tuple[dict[str, str], list[str], list[tuple[str, int]]]:
    """Every page reached from /<lang>/ (and the form and e-mail pages): its HTML by path;
    the pages the links led to; and the links that answered with an error."""
    extra = pages_only_a_form_or_an_email_leads_to(language)
    to_visit, seen, contents, failed = [f"/{language}/"], set(), {}, []
    while to_visit and len(seen) < MAX_PAGES:
        path = to_visit.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302, 303, 307, 308):
            target = _is_page_link(urljoin(path, response["Location"]), language)
            if target:
                to_visit.append(target)
            continue
        if response.status_code >= 400:
            failed.append((path, response.status_code))
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        contents[path] = response.content.decode()
        for href in read_page(contents[path])[2]:
            target = _is_page_link(urljoin(path, href.split("#")[0]), language)
            if target and target not in seen:
                to_visit.append(target)
    crawled = list(contents)
    for path in extra:  # their answers may be 400 or 404 (a broken link): the page is read
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        if response.status_code < 300 or response.status_code >= 400:
            contents[path] = response.content.decode()
    # The forms sent wrong: their error messages (a gettext run at import time is French).
    from petitions.models import Petition

    for path in [*FORMS, f"petitions/{Petition.objects.open().first().pk}/signer/"]:
        response = client.post(f"/{language}/{path}", WRONG)
        assert response.status_code < 500, (path, response.status_code)
        contents[f"POST /{language}/{path}"] = response.content.decode()
    return contents, crawled, failed


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_sentence_of_the_french_catalogue_on_a_page_in_dutch_or_english(db, settings, language):
    call_command("seed_demo", verbosity=0)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    contents, crawled, failed = crawl(client, language)
    sentences = french_sentences(language)
    assert len(sentences) > 200, "the French catalogue was not read"

    offenders = []
    for path, content in sorted(contents.items()):
        text, attributes, _links = read_page(content)
        found = {}
        for sentence, msgid in sentences.items():
            if sentence in text:
                found[sentence] = f"{path}: «{sentence}» (msgid {msgid!r})"
            elif any(sentence in attribute for attribute in attributes):
                found[sentence] = f"{path} [in an attribute]: «{sentence}» (msgid {msgid!r})"
        # A run found inside a longer one found on the same page is the same offence.
        offenders += [
            line
            for sentence, line in found.items()
            if not any(sentence != other and sentence in other for other in found)
        ]

    assert len(crawled) >= MIN_PAGES, sorted(crawled)
    assert failed == [], f"links that answered with an error: {failed}"
    assert offenders == [], (
        f"{len(offenders)} French sentence(s) on {len({o.split(':')[0] for o in offenders})} of "
        f"{len(contents)} {language} pages:\n" + "\n".join(offenders)
    )
