"""What a process keeps a few seconds: read once within them, again after, dropped on demand."""

from __future__ import annotations

import time

from marathon.lib import kept


def test_a_value_is_read_once_within_its_seconds_and_again_after():
    reads = []

    @kept.kept(0.2, maxsize=4)
    def campaign(year: int) -> str:
        reads.append(year)
        return f"Marathon {year}"

    assert [campaign(2026), campaign(2026), campaign(2025)] == ["Marathon 2026"] * 2 + ["Marathon 2025"]
    assert reads == [2026, 2025]
    time.sleep(0.25)
    assert campaign(2026) == "Marathon 2026"
    assert reads == [2026, 2025, 2026]


def test_forget_all_drops_every_copy_and_a_change_of_settings_too(settings):
    reads = []

    @kept.kept(60)
    def names() -> int:
        reads.append(1)
        return len(reads)

    page = kept.Kept(60, maxsize=2)
    page.put("home", "<html>")
    assert names() == names() == 1
    kept.forget_all()
    assert page.get("home") is None
    assert names() == 2
    settings.PAGE_CACHE_SECONDS = 5  # as a test or a reloaded setting does
    assert names() == 3
