"""Pages render with production's hashed static files (the manifest storage)."""

from pathlib import Path

import pytest
from django.core.management import call_command

MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def manifest_static(tmp_path, settings):
    if not (Path(settings.STATICFILES_DIRS[0]) / "css" / "main.css").exists():
        pytest.fail("assets not built: run `npm run build` (make install does)")
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = MANIFEST_STORAGES
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_pages_render_with_the_manifest_storage(client, world, manifest_static):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '/static/css/main.css"' not in html  # the hashed name is used
    assert "/static/css/main." in html
    assert 'href="/static/nhsuk/assets/images/favicon.ico"' in html
    assert (manifest_static / "nhsuk/assets/images/favicon.ico").exists()
    client.force_login(world.user("staff"))
    assert client.get("/").status_code == 200
    assert client.get("/no-such-page/").status_code == 404
