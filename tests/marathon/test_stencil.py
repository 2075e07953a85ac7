from __future__ import annotations

from marathon.lib.stencil import Stencil, hole


def test_each_key_is_rendered_once_and_each_use_gets_its_own_values_escaped_for_html():
    stencil, renders = Stencil(kept=2), []

    def render(holes):
        renders.append(holes)
        return f'<a href="/fr{holes["path"]}">{holes["name"]}</a>'

    first = stencil.fill("k", render, {"path": "/cas/", "name": "Anne"}, html=True)
    second = stencil.fill("k", render, {"path": '/x"><script>', "name": "Zoë & Co"}, html=True)
    text = stencil.fill("t", render, {"path": "/a&b/", "name": "<b>"}, html=False)

    assert len(renders) == 2
    assert first == '<a href="/fr/cas/">Anne</a>'
    assert second == '<a href="/fr/x&quot;&gt;&lt;script&gt;">Zoë &amp; Co</a>'
    assert text == '<a href="/fr/a&b/"><b></a>'


def test_the_most_recently_used_are_kept_and_a_changed_setting_forgets_them(settings):
    stencil, renders = Stencil(kept=2), []

    def render(holes):
        renders.append(1)
        return holes["v"]

    for key in ("a", "b", "a", "c", "a"):  # b is the least recently used when c comes
        stencil.fill(key, render, {"v": key}, html=False)
    assert len(renders) == 3
    stencil.fill("b", render, {"v": "b"}, html=False)
    assert len(renders) == 4

    settings.SITE_URL = "https://elsewhere.example"
    stencil.fill("b", render, {"v": "b"}, html=False)
    assert len(renders) == 5


def test_a_hole_typed_into_a_value_is_not_filled_by_another():
    stencil = Stencil()
    typed = "hole" + "0" * 16 + "nameend"  # the form of a hole, not this process's
    assert hole("name") != typed
    filled = stencil.fill(
        "k", lambda holes: holes["name"] + "|" + holes["path"], {"name": typed, "path": "/"}, html=False
    )
    assert filled == f"{typed}|/"
