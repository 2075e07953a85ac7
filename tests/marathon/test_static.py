from __future__ import annotations

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_static_files_are_hashed_and_compressed(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    names = {path.name for path in (tmp_path / "css").iterdir()}
    hashed = [
        name for name in names if name.startswith("site.") and name.endswith(".css") and name != "site.css"
    ]
    assert hashed, names
    assert f"{hashed[0]}.gz" in names
    assert (tmp_path / "staticfiles.json").exists()
