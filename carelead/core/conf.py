"""Reading an app's settings with defaults. Read at call time, not import time, so that a
deployment (or a test) can change them with Django settings alone."""

from collections.abc import Callable

from django.conf import settings

#: Defaults every app shares.
COMMON = {
    #: The address emails link back to (emails are sent outside any request).
    "CARELEAD_SITE_URL": "http://localhost:8000",
}


def reader(defaults: dict) -> Callable[[str], object]:
    """A ``setting(name)`` for an app: Django's setting if set, else the app's default (or a
    common one). An unknown name is a KeyError, so a misspelt setting fails loudly."""
    known = {**COMMON, **defaults}

    def setting(name: str):
        return getattr(settings, name, known[name])

    return setting
