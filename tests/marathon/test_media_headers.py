from __future__ import annotations

import pytest


@pytest.fixture
def media_files(settings):
    (settings.MEDIA_ROOT / "cache" / "ab").mkdir(parents=True)
    (settings.MEDIA_ROOT / "cache" / "ab" / "thumb.jpg").write_bytes(b"\xff\xd8\xff")
    (settings.MEDIA_ROOT / "cases").mkdir(parents=True)
    (settings.MEDIA_ROOT / "cases" / "photo.jpg").write_bytes(b"\xff\xd8\xff")


@pytest.mark.django_db
def test_thumbnails_are_kept_a_year_other_uploads_an_hour(client, media_files):
    thumb = client.get("/media/cache/ab/thumb.jpg")
    assert thumb.status_code == 200
    assert thumb["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/cases/photo.jpg")["Cache-Control"] == "public, max-age=3600"
    assert client.get("/media/cache/ab/missing.jpg").status_code == 404
